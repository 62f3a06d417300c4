/**
 * The crawl journal in the database (store/repositories/crawl-repository.ts):
 * a run's frontier, visited pages and links survive a crash, and the next
 * `vigil crawl run --persist` of the source carries on where it stopped.
 */
import type { CrawlRepository } from "../store/repositories/crawl-repository.js";
import type { CrawlJournal, PageRecord, QueuedPage } from "./crawl-journal.js";
import type { FoundInvite } from "./listing.js";
import { inviteKey } from "./platforms.js";

export class StoredCrawlJournal implements CrawlJournal {
  constructor(
    private readonly repo: CrawlRepository,
    readonly runId: number,
  ) {}

  enqueue(pages: QueuedPage[]): Promise<void> {
    return this.repo.enqueue(this.runId, pages);
  }

  take(): Promise<QueuedPage | null> {
    return this.repo.take(this.runId);
  }

  finish(record: PageRecord): Promise<void> {
    return this.repo.finish(
      this.runId,
      record.outcome === "fetched"
        ? {
            url: record.url,
            depth: record.depth,
            outcome: "fetched",
            status: record.status,
            invites: record.invites,
          }
        : record,
    );
  }

  pagesDone(): Promise<number> {
    return this.repo.pagesDone(this.runId);
  }

  async recordInvites(invites: FoundInvite[]): Promise<FoundInvite[]> {
    const fresh = await this.repo.recordLinks(
      this.runId,
      invites.map((i) => ({
        platform: i.platform,
        code: i.code,
        url: i.url,
        source: i.source,
        foundOn: i.foundOn,
        category: i.category,
        title: i.title,
        description: i.description,
      })),
    );
    const keys = new Set(fresh.map((f) => `${f.platform}:${f.code}`));
    return invites.filter((i) => keys.has(inviteKey(i)));
  }
}
