/**
 * Fetches one image by URL for event intake, treating the URL as hostile: only http
 * and https, only public addresses (checked on every hop, and pinned to the socket
 * by guarded-lookup.ts), at most a few redirects, a byte limit enforced on the
 * Content-Length and on the bytes actually received, and one deadline for the
 * whole fetch. No compression is negotiated, so the limit counts real bytes.
 */
import { isIP } from "node:net";
import { Agent, request } from "undici";
import { type AddressPolicy, guardedLookup, type HostResolver, systemResolver } from "./guarded-lookup.js";
import { classifyFetchFailure, discard, readLimited } from "./guarded-response.js";
import { isPublicAddress } from "./is-public-address.js";
import { MediaFetchError } from "./media-fetch-error.js";

export interface FetchMediaOptions {
  /** Refuse bodies larger than this many bytes. */
  maxBytes: number;
  /** Deadline for the whole fetch, redirects and body included. */
  timeoutMs: number;
  /** Redirects followed, each checked like the first URL. */
  maxRedirects: number;
  /** Which resolved addresses may be connected to. Only tests should widen it. */
  isAllowedAddress: AddressPolicy;
  /** How host names are resolved; tests inject a fake DNS. */
  resolveHost: HostResolver;
  userAgent: string;
}

export const DEFAULT_FETCH_MEDIA_OPTIONS: FetchMediaOptions = {
  maxBytes: 20 * 1024 * 1024,
  timeoutMs: 15_000,
  maxRedirects: 3,
  isAllowedAddress: isPublicAddress,
  resolveHost: systemResolver,
  userAgent: "Vigil-media-fetch/0.1",
};

export interface FetchedMedia {
  bytes: Buffer;
  /** The URL the bytes came from, after redirects. */
  url: string;
  /** What the server claimed; informative only, the content is sniffed. */
  contentType: string | undefined;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Parses and vets one URL before any connection: scheme, credentials, literal addresses. */
function checkUrl(text: string, isAllowed: AddressPolicy): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new MediaFetchError("UrlNotAllowed", "not a valid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new MediaFetchError("UrlNotAllowed", `only http and https URLs are fetched, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new MediaFetchError("UrlNotAllowed", "URLs with credentials are not fetched");
  }
  // The URL parser has already normalised 0x7f.1, 2130706433 and friends to dotted form.
  // Sockets skip the lookup for a literal address, so a literal is judged here.
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host) && !isAllowed(host)) {
    throw new MediaFetchError("UrlNotAllowed", `${host} is not a public address`);
  }
  return url;
}

const FAILURE_CODES = {
  not_allowed: "UrlNotAllowed",
  timeout: "UrlTimeout",
  unreachable: "UrlUnreachable",
} as const;

/** Maps whatever undici or the socket threw onto the fetch error codes. */
function classify(error: unknown, deadline: AbortSignal, timeoutMs: number): MediaFetchError {
  if (error instanceof MediaFetchError) return error;
  const failure = classifyFetchFailure(error, deadline, timeoutMs);
  return new MediaFetchError(FAILURE_CODES[failure.kind], failure.message);
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export async function fetchPublicMedia(
  url: string,
  overrides: Partial<FetchMediaOptions> = {},
): Promise<FetchedMedia> {
  const options = { ...DEFAULT_FETCH_MEDIA_OPTIONS, ...overrides };
  const deadline = AbortSignal.timeout(options.timeoutMs);
  // One agent per fetch: its sockets only ever reach addresses the guarded lookup approved.
  const agent = new Agent({
    connect: {
      lookup: guardedLookup(options.resolveHost, options.isAllowedAddress),
      timeout: options.timeoutMs,
    },
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  try {
    let current = checkUrl(url, options.isAllowedAddress);
    for (let hop = 0; ; hop++) {
      const response = await request(current, {
        dispatcher: agent,
        method: "GET",
        signal: deadline,
        headers: { "user-agent": options.userAgent, accept: "image/*", "accept-encoding": "identity" },
      });
      const location = header(response.headers.location);
      if (REDIRECT_STATUSES.has(response.statusCode) && location) {
        await response.body.dump();
        if (hop >= options.maxRedirects) {
          throw new MediaFetchError(
            "UrlHttpError",
            `more than ${options.maxRedirects} redirects`,
            response.statusCode,
          );
        }
        current = checkUrl(new URL(location, current).href, options.isAllowedAddress);
        continue;
      }
      if (response.statusCode < 200 || response.statusCode > 299) {
        await response.body.dump();
        throw new MediaFetchError(
          "UrlHttpError",
          `server answered HTTP ${response.statusCode}`,
          response.statusCode,
        );
      }
      const declared = Number(header(response.headers["content-length"]));
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        discard(response.body);
        throw new MediaFetchError(
          "MediaTooLarge",
          `Content-Length ${declared} is over the limit of ${options.maxBytes} bytes`,
        );
      }
      const bytes = await readLimited(
        response.body,
        options.maxBytes,
        () => new MediaFetchError("MediaTooLarge", `body is over the limit of ${options.maxBytes} bytes`),
      );
      return { bytes, url: current.href, contentType: header(response.headers["content-type"]) };
    }
  } catch (error) {
    throw classify(error, deadline, options.timeoutMs);
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}
