/**
 * Builds the politeness and safety tools one crawl shares: the guarded fetch
 * with its limits and network allowlist, robots.txt per origin, and per-host
 * pacing. Defaults are for real directories; tests shrink the timeouts.
 */
import type { HostResolver } from "../media/guarded-lookup.js";
import type { CrawlTools } from "./crawl-site.js";
import {
  createGuardedAgent,
  DEFAULT_GUARDED_FETCH,
  type GuardedFetchOptions,
  guardedFetch,
} from "./guarded-fetch.js";
import { HostPacer } from "./host-pacer.js";
import { RobotsCache } from "./robots-cache.js";

export interface CrawlLimits {
  /** Hosts that may be reached on non-public addresses (local mirrors, tests). */
  networkAllowHosts: string[];
  resolveHost?: HostResolver;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Between two request starts to one host. */
  minIntervalMs: number;
  hostConcurrency: number;
  concurrency: number;
}

export const DEFAULT_CRAWL_LIMITS: CrawlLimits = {
  networkAllowHosts: [],
  timeoutMs: 10_000,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 5,
  minIntervalMs: 1_000,
  hostConcurrency: 2,
  concurrency: 8,
};

export const PRODUCT_TOKEN = "VigilCrawler";

export function createCrawlTools(overrides: Partial<CrawlLimits> = {}): CrawlTools {
  const limits = { ...DEFAULT_CRAWL_LIMITS, ...overrides };
  const base: Partial<GuardedFetchOptions> = {
    allowHosts: new Set(limits.networkAllowHosts.map((h) => h.toLowerCase())),
    timeoutMs: limits.timeoutMs,
    maxBytes: limits.maxBytes,
    maxRedirects: limits.maxRedirects,
    userAgent: DEFAULT_GUARDED_FETCH.userAgent,
    ...(limits.resolveHost ? { resolveHost: limits.resolveHost } : {}),
  };
  const agent = createGuardedAgent({ ...DEFAULT_GUARDED_FETCH, ...base });
  const fetch = (url: string, more: Partial<GuardedFetchOptions> = {}) =>
    guardedFetch(url, { ...base, dispatcher: agent, ...more });
  return {
    fetch,
    robots: new RobotsCache(fetch, PRODUCT_TOKEN),
    pacer: new HostPacer(limits.minIntervalMs, limits.hostConcurrency),
    concurrency: limits.concurrency,
    close: () => agent.close(),
  };
}
