/**
 * robots.txt per origin, fetched once per crawl through the same guarded
 * fetch as pages. 4xx means no rules (allow all); 5xx, a timeout or an
 * unreachable host means "do not crawl" until it answers (RFC 9309 2.3.1.3-4).
 */
import { CrawlFetchError } from "./crawl-fetch-error.js";
import type { FetchedResource, GuardedFetchOptions } from "./guarded-fetch.js";
import { ALLOW_ALL, DISALLOW_ALL, parseRobots, type RobotsRules } from "./robots.js";

export type ResourceFetcher = (
  url: string,
  overrides?: Partial<GuardedFetchOptions>,
) => Promise<FetchedResource>;

export class RobotsCache {
  private readonly byOrigin = new Map<string, Promise<RobotsRules>>();

  constructor(
    private readonly fetch: ResourceFetcher,
    private readonly productToken: string,
  ) {}

  rulesFor(url: URL): Promise<RobotsRules> {
    let rules = this.byOrigin.get(url.origin);
    if (!rules) {
      rules = this.load(url.origin);
      this.byOrigin.set(url.origin, rules);
    }
    return rules;
  }

  /**
   * Refuses a redirect whose target origin's robots.txt disallows the target
   * path, so a redirect cannot carry the crawler where it may not go.
   */
  readonly checkRedirect = async (next: URL, from: URL): Promise<void> => {
    const rules = await this.rulesFor(next);
    if (rules.unreadable) {
      // Nothing on an origin whose robots.txt cannot be read is fetched (RFC 9309); the record says why.
      throw new CrawlFetchError(
        rules.unreadable.reason,
        `robots.txt of ${next.origin} could not be read (${rules.unreadable.message}), so the redirect from ${from.href} is not followed`,
        rules.unreadable.status,
      );
    }
    if (!rules.isAllowed(next.pathname + next.search)) {
      throw new CrawlFetchError(
        "robots_disallowed",
        `robots.txt of ${next.origin} disallows ${next.pathname}${next.search} (redirected from ${from.href})`,
      );
    }
  };

  private async load(origin: string): Promise<RobotsRules> {
    try {
      const fetched = await this.fetch(`${origin}/robots.txt`, {
        contentTypes: [],
        accept: "text/plain",
        maxBytes: 512 * 1024,
      });
      return parseRobots(fetched.body.toString("utf8"), this.productToken);
    } catch (error) {
      if (error instanceof CrawlFetchError && error.reason === "http_error" && error.status !== undefined) {
        if (error.status >= 400 && error.status < 500) return ALLOW_ALL;
      }
      // The pages of a host the guard refuses are refused too, under their true reason; no request is made.
      if (error instanceof CrawlFetchError && error.reason === "address_not_allowed") return ALLOW_ALL;
      const unreadable =
        error instanceof CrawlFetchError
          ? { reason: error.reason, message: error.message, status: error.status }
          : {
              reason: "unreachable" as const,
              message: error instanceof Error ? error.message : String(error),
            };
      return { ...DISALLOW_ALL, unreadable };
    }
  }
}
