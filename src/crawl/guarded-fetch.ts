/**
 * Fetches one page or image for the crawler, treating every URL as hostile, on
 * the same guard as src/media's media fetch: the socket's own lookup refuses
 * non-public addresses (guarded-lookup.ts, so DNS rebinding cannot swap the
 * address after the check), literal addresses are judged before connecting,
 * and every redirect hop is judged again. Hosts in `allowHosts` are exempt from
 * the public-address rule only: that is how tests and local mirrors on
 * 127.0.0.1 are reached, and nothing else is. No JavaScript is ever run: the
 * body comes back as bytes.
 */
import { isIP } from "node:net";
import { Agent, type Dispatcher, request } from "undici";
import { guardedLookup, type HostResolver, systemResolver } from "../media/guarded-lookup.js";
import { classifyFetchFailure, discard, readLimited } from "../media/guarded-response.js";
import { isPublicAddress } from "../media/is-public-address.js";
import { CrawlFetchError } from "./crawl-fetch-error.js";

export interface GuardedFetchOptions {
  maxBytes: number;
  /** One deadline for the whole fetch: redirects, headers and body. */
  timeoutMs: number;
  maxRedirects: number;
  /** Host names (lower case) that may resolve to non-public addresses, e.g. "127.0.0.1" in tests. */
  allowHosts: ReadonlySet<string>;
  resolveHost: HostResolver;
  userAgent: string;
  accept: string;
  /** Content types accepted (prefix match on the media type); empty accepts anything. */
  contentTypes: readonly string[];
  /** Extra request headers (e.g. Authorization), sent only to the first URL's origin, never after a redirect elsewhere. */
  headers?: Readonly<Record<string, string>>;
  /**
   * A guarded agent to share across fetches (createGuardedAgent), so one crawl
   * reuses connections; without it each fetch makes and closes its own.
   */
  dispatcher?: Dispatcher;
  /**
   * Judges every redirect target before it is requested (the crawler checks
   * the target origin's robots.txt here); throwing a CrawlFetchError refuses
   * the hop under that reason.
   */
  checkRedirect?: (next: URL, from: URL) => Promise<void>;
}

export const DEFAULT_GUARDED_FETCH: GuardedFetchOptions = {
  maxBytes: 5 * 1024 * 1024,
  timeoutMs: 10_000,
  maxRedirects: 5,
  allowHosts: new Set(),
  resolveHost: systemResolver,
  userAgent: "VigilCrawler/0.1 (+https://github.com/vigil; child-safety directory crawler)",
  accept: "text/html,application/xhtml+xml",
  contentTypes: ["text/html", "application/xhtml+xml"],
};

export interface FetchedResource {
  /** The URL the body came from, after redirects. */
  url: string;
  status: number;
  contentType: string;
  body: Buffer;
  /** Every URL asked for, the first included, for the record. */
  hops: string[];
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
}

/** Scheme, credentials and literal addresses, judged before any connection. */
export function checkCrawlUrl(text: string, allowHosts: ReadonlySet<string>): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CrawlFetchError("address_not_allowed", `not a valid URL: ${text}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CrawlFetchError("address_not_allowed", `only http and https are fetched, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new CrawlFetchError("address_not_allowed", "URLs with credentials are not fetched");
  }
  const host = hostOf(url);
  if (isIP(host) && !allowHosts.has(host) && !isPublicAddress(host)) {
    throw new CrawlFetchError("address_not_allowed", `${host} is not a public address`);
  }
  return url;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const FAILURE_CODES = {
  not_allowed: "address_not_allowed",
  timeout: "timeout",
  unreachable: "unreachable",
} as const;

function classify(error: unknown, deadline: AbortSignal, timeoutMs: number): CrawlFetchError {
  if (error instanceof CrawlFetchError) return error;
  const failure = classifyFetchFailure(error, deadline, timeoutMs);
  return new CrawlFetchError(FAILURE_CODES[failure.kind], failure.message);
}

function acceptable(contentType: string, wanted: readonly string[]): boolean {
  if (wanted.length === 0) return true;
  const type = contentType.split(";")[0].trim().toLowerCase();
  return wanted.some((w) => type.startsWith(w));
}

/**
 * An agent whose every new connection is looked up through the guard. Sharing
 * it is safe: a pooled connection was checked when it was opened, a redirect
 * to another origin opens (and checks) a new one, and literal addresses are
 * judged by checkCrawlUrl before each request.
 */
export function createGuardedAgent(
  options: Pick<GuardedFetchOptions, "allowHosts" | "resolveHost" | "timeoutMs">,
): Agent {
  const publicLookup = guardedLookup(options.resolveHost, isPublicAddress);
  const allowedLookup = guardedLookup(options.resolveHost, () => true);
  return new Agent({
    connect: {
      // The exemption follows the name being connected to, so a redirect to another host is judged afresh.
      lookup: (hostname, lookupOptions, callback) =>
        (options.allowHosts.has(hostname.toLowerCase()) ? allowedLookup : publicLookup)(
          hostname,
          lookupOptions,
          callback,
        ),
      timeout: options.timeoutMs,
    },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
}

export async function guardedFetch(
  url: string,
  overrides: Partial<GuardedFetchOptions> = {},
): Promise<FetchedResource> {
  const options = { ...DEFAULT_GUARDED_FETCH, ...overrides };
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const agent = options.dispatcher ?? createGuardedAgent(options);
  const hops: string[] = [];
  try {
    let current = checkCrawlUrl(url, options.allowHosts);
    const origin = current.origin;
    for (;;) {
      hops.push(current.href);
      const response = await request(current, {
        dispatcher: agent,
        method: "GET",
        signal: deadline,
        headers: {
          ...(current.origin === origin ? options.headers : undefined),
          "user-agent": options.userAgent,
          accept: options.accept,
          "accept-encoding": "identity",
        },
      });
      const location = header(response.headers.location);
      if (REDIRECT_STATUSES.has(response.statusCode) && location) {
        await response.body.dump();
        const next = checkCrawlUrl(new URL(location, current).href, options.allowHosts);
        if (hops.includes(next.href)) {
          throw new CrawlFetchError(
            "redirect_loop",
            `redirect loop back to ${next.href}`,
            response.statusCode,
          );
        }
        if (hops.length > options.maxRedirects) {
          throw new CrawlFetchError("too_many_redirects", `more than ${options.maxRedirects} redirects`);
        }
        await options.checkRedirect?.(next, current);
        current = next;
        continue;
      }
      if (response.statusCode < 200 || response.statusCode > 299) {
        await response.body.dump();
        throw new CrawlFetchError("http_error", `HTTP ${response.statusCode}`, response.statusCode);
      }
      const contentType = header(response.headers["content-type"]) ?? "";
      if (!acceptable(contentType, options.contentTypes)) {
        discard(response.body);
        throw new CrawlFetchError(
          "wrong_content_type",
          `content type ${contentType || "(none)"} is not wanted`,
        );
      }
      const declared = Number(header(response.headers["content-length"]));
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        discard(response.body);
        throw new CrawlFetchError(
          "too_large",
          `Content-Length ${declared} is over ${options.maxBytes} bytes`,
        );
      }
      const body = await readLimited(
        response.body,
        options.maxBytes,
        () => new CrawlFetchError("too_large", `body is over the limit of ${options.maxBytes} bytes`),
      );
      return { url: current.href, status: response.statusCode, contentType, body, hops };
    }
  } catch (error) {
    throw classify(error, deadline, options.timeoutMs);
  } finally {
    if (!options.dispatcher) await agent.destroy().catch(() => undefined);
  }
}
