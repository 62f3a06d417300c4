/**
 * A crawl journal that also owes the service each new link: every link the
 * inner journal reports as new to the run is queued for submission (a
 * discovery) as soon as it is recorded, and the crawl can be stopped between
 * pages (the server shutting down) without finishing the run, which then
 * resumes on the next tick. Submitting is drain-submissions.ts's job, so a
 * service that is down costs nothing here.
 */
import type { CrawlJournal, PageRecord, QueuedPage } from "./crawl-journal.js";
import type { FoundInvite } from "./listing.js";

export interface QueueingJournalOptions {
  queue(invites: FoundInvite[]): Promise<void>;
  /** True once the crawl should stop taking pages. */
  stopped?(): boolean;
}

export class QueueingJournal implements CrawlJournal {
  constructor(
    private readonly inner: CrawlJournal,
    private readonly options: QueueingJournalOptions,
  ) {}

  enqueue(pages: QueuedPage[]): Promise<void> {
    return this.inner.enqueue(pages);
  }

  async take(): Promise<QueuedPage | null> {
    return this.options.stopped?.() ? null : this.inner.take();
  }

  finish(record: PageRecord): Promise<void> {
    return this.inner.finish(record);
  }

  pagesDone(): Promise<number> {
    return this.inner.pagesDone();
  }

  async recordInvites(invites: FoundInvite[]): Promise<FoundInvite[]> {
    const fresh = await this.inner.recordInvites(invites);
    await this.options.queue(fresh);
    return fresh;
  }
}
