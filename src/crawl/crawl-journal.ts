/**
 * A crawl's durable state: the frontier, what was visited and how, and the
 * invites found. The in-memory journal serves `--json` one-off crawls and
 * tests; the database journal (store) makes a run resumable after a crash.
 * `enqueue` ignores URLs already queued or visited, so a page linked from a
 * hundred listings is fetched once.
 */
import type { CrawlRefusal } from "./crawl-fetch-error.js";
import type { FoundInvite } from "./listing.js";
import { inviteKey } from "./platforms.js";

export interface QueuedPage {
  url: string;
  depth: number;
}

export type PageRecord = QueuedPage &
  (
    | { outcome: "fetched"; status: number; invites: number; links: number }
    | { outcome: "refused"; reason: CrawlRefusal; message: string; status?: number }
  );

export interface CrawlJournal {
  enqueue(pages: QueuedPage[]): Promise<void>;
  /** The next page to visit, marked in progress; null when the frontier is empty. */
  take(): Promise<QueuedPage | null>;
  finish(record: PageRecord): Promise<void>;
  pagesDone(): Promise<number>;
  /** Records invites; returns those not seen before in this run. */
  recordInvites(invites: FoundInvite[]): Promise<FoundInvite[]>;
}

export class MemoryCrawlJournal implements CrawlJournal {
  readonly records: PageRecord[] = [];
  readonly invites = new Map<string, FoundInvite>();
  private readonly known = new Set<string>();
  private readonly frontier: QueuedPage[] = [];

  async enqueue(pages: QueuedPage[]): Promise<void> {
    for (const page of pages) {
      if (this.known.has(page.url)) continue;
      this.known.add(page.url);
      this.frontier.push(page);
    }
  }

  async take(): Promise<QueuedPage | null> {
    return this.frontier.shift() ?? null;
  }

  async finish(record: PageRecord): Promise<void> {
    this.records.push(record);
  }

  async pagesDone(): Promise<number> {
    return this.records.length;
  }

  async recordInvites(invites: FoundInvite[]): Promise<FoundInvite[]> {
    const fresh: FoundInvite[] = [];
    for (const invite of invites) {
      const key = inviteKey(invite);
      if (this.invites.has(key)) continue;
      this.invites.set(key, invite);
      fresh.push(invite);
    }
    return fresh;
  }
}
