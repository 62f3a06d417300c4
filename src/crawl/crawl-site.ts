/**
 * Crawls one directory site breadth-first from its start URLs: within its
 * allowed hosts and depth, at most maxPages pages, robots.txt obeyed (a
 * disallowed URL is recorded, never fetched; the robots.txt of every redirect
 * target's origin is read and obeyed too), every host paced. Every URL ends
 * as one PageRecord: fetched, or refused with a reason. The frontier and the
 * visited set live in a CrawlJournal, so a crash resumes where it stopped.
 */
import { CrawlFetchError } from "./crawl-fetch-error.js";
import type { CrawlJournal, PageRecord } from "./crawl-journal.js";
import type { HostPacer } from "./host-pacer.js";
import type { FoundInvite } from "./listing.js";
import { DEFAULT_SELECTORS, type ListingSelectors, parseDirectoryPage } from "./parse-directory-page.js";
import type { ResourceFetcher, RobotsCache } from "./robots-cache.js";

export interface SiteCrawlPlan {
  source: string;
  startUrls: string[];
  /** Hosts whose pages are crawled (lower case); links elsewhere are not followed. */
  allowHosts: ReadonlySet<string>;
  maxDepth: number;
  maxPages: number;
  selectors?: Partial<ListingSelectors>;
}

export interface CrawlTools {
  fetch: ResourceFetcher;
  robots: RobotsCache;
  pacer: HostPacer;
  /** Pages fetched at once across hosts (each host is further limited by the pacer). */
  concurrency: number;
  /** Closes the shared connections. */
  close(): Promise<void>;
}

export interface CrawlObserver {
  onPage?(record: PageRecord): void;
  onInvite?(invite: FoundInvite): void;
}

export function normalisePageUrl(text: string): string {
  const url = new URL(text);
  url.hash = "";
  return url.href;
}

export async function crawlSite(
  plan: SiteCrawlPlan,
  tools: CrawlTools,
  journal: CrawlJournal,
  observer: CrawlObserver = {},
): Promise<void> {
  const selectors = { ...DEFAULT_SELECTORS, ...plan.selectors };
  await journal.enqueue(plan.startUrls.map((url) => ({ url: normalisePageUrl(url), depth: 0 })));

  const visitOne = async (url: string, depth: number): Promise<PageRecord> => {
    const parsed = new URL(url);
    const host = parsed.hostname.toLowerCase();
    if (!plan.allowHosts.has(host)) {
      return {
        url,
        depth,
        outcome: "refused",
        reason: "host_not_allowed",
        message: `${host} is not in the source's hosts`,
      };
    }
    const rules = await tools.robots.rulesFor(parsed);
    if (rules.crawlDelaySeconds) tools.pacer.slowDown(host, rules.crawlDelaySeconds * 1000);
    if (!rules.isAllowed(parsed.pathname + parsed.search)) {
      return {
        url,
        depth,
        outcome: "refused",
        reason: "robots_disallowed",
        message: "robots.txt disallows it",
      };
    }
    try {
      const page = await tools.pacer.run(host, () =>
        tools.fetch(url, { checkRedirect: tools.robots.checkRedirect }),
      );
      const { links, invites } = parseDirectoryPage(page.body, page.url, selectors);
      const found = invites.map((invite) => ({ ...invite, foundOn: page.url, source: plan.source }));
      const next =
        depth < plan.maxDepth
          ? links
              .filter((link) => plan.allowHosts.has(new URL(link).hostname.toLowerCase()))
              .map((link) => ({ url: link, depth: depth + 1 }))
          : [];
      await journal.enqueue(next);
      for (const invite of await journal.recordInvites(found)) observer.onInvite?.(invite);
      return {
        url,
        depth,
        outcome: "fetched",
        status: page.status,
        invites: found.length,
        links: next.length,
      };
    } catch (error) {
      if (error instanceof CrawlFetchError) {
        return {
          url,
          depth,
          outcome: "refused",
          reason: error.reason,
          message: error.message,
          status: error.status,
        };
      }
      throw error;
    }
  };

  let active = 0;
  await new Promise<void>((resolve, reject) => {
    const pump = () => {
      void (async () => {
        while (active < tools.concurrency) {
          if ((await journal.pagesDone()) + active >= plan.maxPages) break;
          const next = await journal.take();
          if (!next) break;
          active++;
          visitOne(next.url, next.depth)
            .then(async (record) => {
              await journal.finish(record);
              observer.onPage?.(record);
              active--;
              pump();
            })
            .catch(reject);
        }
        if (active === 0) resolve();
      })().catch(reject);
    };
    pump();
  });
}
