/**
 * Runs the configured sources one after another and keeps per-source stats:
 * pages fetched, pages refused by reason, distinct invites. What to do with
 * each new invite (print it, resolve and submit it) is the observer's job.
 */

import { type SourceConfig, sourceHosts } from "./crawl-config.js";
import type { CrawlRefusal } from "./crawl-fetch-error.js";
import type { CrawlJournal, PageRecord } from "./crawl-journal.js";
import { type CrawlObserver, type CrawlTools, crawlSite } from "./crawl-site.js";
import { crawlJsonApi } from "./json-api-source.js";

export interface SourceStats {
  source: string;
  pagesFetched: number;
  pagesRefused: number;
  refusals: Partial<Record<CrawlRefusal, number>>;
  invites: number;
  seconds: number;
}

export async function runSource(
  source: SourceConfig,
  tools: CrawlTools,
  journal: CrawlJournal,
  observer: CrawlObserver = {},
): Promise<SourceStats> {
  const stats: SourceStats = {
    source: source.name,
    pagesFetched: 0,
    pagesRefused: 0,
    refusals: {},
    invites: 0,
    seconds: 0,
  };
  const started = Date.now();
  const counting: CrawlObserver = {
    onPage(record: PageRecord) {
      if (record.outcome === "fetched") stats.pagesFetched++;
      else {
        stats.pagesRefused++;
        stats.refusals[record.reason] = (stats.refusals[record.reason] ?? 0) + 1;
      }
      observer.onPage?.(record);
    },
    onInvite(invite) {
      stats.invites++;
      observer.onInvite?.(invite);
    },
  };
  const allowHosts = sourceHosts(source);
  if (source.kind === "site") {
    await crawlSite(
      {
        source: source.name,
        startUrls: source.start_urls,
        allowHosts,
        maxDepth: source.max_depth,
        maxPages: source.max_pages,
        selectors: source.selectors,
      },
      tools,
      journal,
      counting,
    );
  } else {
    await crawlJsonApi(
      {
        source: source.name,
        url: source.url,
        allowHosts,
        maxPages: source.max_pages,
        mapping: source.mapping,
      },
      tools,
      journal,
      counting,
    );
  }
  stats.seconds = (Date.now() - started) / 1000;
  return stats;
}
