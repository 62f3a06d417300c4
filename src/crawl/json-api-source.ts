/**
 * Directory apps that serve their listings as JSON: a declarative mapping
 * (dot paths) from each response to listings, and an optional path to the next
 * page's URL. The link field may hold a URL or text with a disguised link.
 */
import { CrawlFetchError } from "./crawl-fetch-error.js";
import type { CrawlJournal, PageRecord } from "./crawl-journal.js";
import type { CrawlObserver, CrawlTools } from "./crawl-site.js";
import { inviteLinksInText } from "./extract-links.js";
import { cleanText, type FoundInvite } from "./listing.js";

export interface JsonApiMapping {
  /** Dot path to the array of listings, e.g. "data.groups"; "" when the response is the array. */
  items: string;
  link: string;
  title?: string;
  description?: string;
  category?: string;
  /** Dot path to the next page's URL (absolute or relative); absent or null ends the crawl. */
  next?: string;
}

export interface JsonApiPlan {
  source: string;
  url: string;
  allowHosts: ReadonlySet<string>;
  maxPages: number;
  mapping: JsonApiMapping;
}

export function atPath(value: unknown, path: string): unknown {
  if (path === "") return value;
  let current = value;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/** The listings of one response, as found invites. */
export function mapListings(
  body: unknown,
  mapping: JsonApiMapping,
  foundOn: string,
  source: string,
): FoundInvite[] {
  const items = atPath(body, mapping.items);
  if (!Array.isArray(items)) return [];
  return items.flatMap((item) => {
    const linkText = text(atPath(item, mapping.link));
    if (!linkText) return [];
    const context = {
      title: cleanText(mapping.title ? text(atPath(item, mapping.title)) : undefined, 500),
      description: cleanText(mapping.description ? text(atPath(item, mapping.description)) : undefined),
      category: cleanText(mapping.category ? text(atPath(item, mapping.category)) : undefined, 200),
    };
    return inviteLinksInText(linkText).map((link) => ({ ...link, ...context, foundOn, source }));
  });
}

export async function crawlJsonApi(
  plan: JsonApiPlan,
  tools: CrawlTools,
  journal: CrawlJournal,
  observer: CrawlObserver = {},
): Promise<void> {
  await journal.enqueue([{ url: plan.url, depth: 0 }]);
  for (;;) {
    if ((await journal.pagesDone()) >= plan.maxPages) return;
    const next = await journal.take();
    if (!next) return;
    const record = await fetchOne(plan, tools, journal, observer, next.url, next.depth);
    await journal.finish(record);
    observer.onPage?.(record);
  }
}

async function fetchOne(
  plan: JsonApiPlan,
  tools: CrawlTools,
  journal: CrawlJournal,
  observer: CrawlObserver,
  url: string,
  depth: number,
): Promise<PageRecord> {
  const host = new URL(url).hostname.toLowerCase();
  if (!plan.allowHosts.has(host)) {
    return {
      url,
      depth,
      outcome: "refused",
      reason: "host_not_allowed",
      message: `${host} is not in the source's hosts`,
    };
  }
  try {
    const page = await tools.pacer.run(host, () =>
      tools.fetch(url, { accept: "application/json", contentTypes: ["application/json"] }),
    );
    let body: unknown;
    try {
      body = JSON.parse(page.body.toString("utf8"));
    } catch {
      return {
        url,
        depth,
        outcome: "refused",
        reason: "wrong_content_type",
        message: "the answer is not valid JSON",
      };
    }
    const found = mapListings(body, plan.mapping, page.url, plan.source);
    for (const invite of await journal.recordInvites(found)) observer.onInvite?.(invite);
    const nextUrl = plan.mapping.next ? text(atPath(body, plan.mapping.next)) : undefined;
    if (nextUrl) await journal.enqueue([{ url: new URL(nextUrl, page.url).href, depth: depth + 1 }]);
    return {
      url,
      depth,
      outcome: "fetched",
      status: page.status,
      invites: found.length,
      links: nextUrl ? 1 : 0,
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
}
