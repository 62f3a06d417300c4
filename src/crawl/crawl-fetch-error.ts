/** Why the crawler did not get a page or image: recorded per URL, so every trap has a reason. */
export const CRAWL_REFUSALS = [
  /** Not http(s), credentials in the URL, or an address that is not public (SSRF guard), on any hop. */
  "address_not_allowed",
  /** robots.txt disallows the path for Vigil's user agent. */
  "robots_disallowed",
  /** The host is not one the source allows (redirects and links off-site). */
  "host_not_allowed",
  "timeout",
  "too_large",
  "unreachable",
  "http_error",
  "redirect_loop",
  "too_many_redirects",
  /** The answer is not the kind of content asked for (HTML for pages, an image for previews). */
  "wrong_content_type",
] as const;
export type CrawlRefusal = (typeof CRAWL_REFUSALS)[number];

export class CrawlFetchError extends Error {
  override readonly name = "CrawlFetchError";
  constructor(
    readonly reason: CrawlRefusal,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
