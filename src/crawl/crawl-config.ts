/**
 * The crawl configuration file: directory sites (start URLs, hosts, depth,
 * page cap, schedule, optional listing selectors) and JSON APIs (URL and a
 * declarative mapping). Strict, so a misspelt key is refused, not ignored.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";

const name = z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, "lower-case letters, digits, '_', '.', '-'");
const httpUrl = z.url({ protocol: /^https?$/ });
/** "30m", "6h", "1d" ("30s" for tests and mirrors): how often a scheduled crawl of the source runs. */
const interval = z.string().regex(/^[0-9]+[smhd]$/, 'an interval such as "30m", "6h" or "1d"');

export const SiteSourceConfig = z.strictObject({
  kind: z.literal("site"),
  name,
  start_urls: z.array(httpUrl).min(1),
  /** Hosts crawled; the start URLs' hosts when absent. */
  hosts: z.array(z.string().min(1)).optional(),
  max_depth: z.int().min(0).max(50).default(3),
  max_pages: z.int().min(1).max(1_000_000).default(1000),
  schedule: interval.optional(),
  selectors: z
    .strictObject({
      listing: z.string().min(1).optional(),
      title: z.string().min(1).optional(),
      description: z.string().min(1).optional(),
      category: z.string().min(1).optional(),
    })
    .optional(),
});

export const JsonApiSourceConfig = z.strictObject({
  kind: z.literal("json_api"),
  name,
  url: httpUrl,
  hosts: z.array(z.string().min(1)).optional(),
  max_pages: z.int().min(1).max(100_000).default(100),
  schedule: interval.optional(),
  mapping: z.strictObject({
    items: z.string(),
    link: z.string().min(1),
    title: z.string().min(1).optional(),
    description: z.string().min(1).optional(),
    category: z.string().min(1).optional(),
    next: z.string().min(1).optional(),
  }),
});

export const CrawlConfig = z.strictObject({
  sources: z.array(z.discriminatedUnion("kind", [SiteSourceConfig, JsonApiSourceConfig])).min(1),
  /** Hosts that may be reached on non-public addresses (mirrors, tests); empty in production. */
  network_allow_hosts: z.array(z.string().min(1)).default([]),
  politeness: z
    .strictObject({
      min_interval_ms: z.int().min(0).default(1000),
      host_concurrency: z.int().min(1).max(16).default(2),
      concurrency: z.int().min(1).max(64).default(8),
      timeout_ms: z.int().min(100).max(120_000).default(10_000),
      max_bytes: z
        .int()
        .min(1024)
        .max(100 * 1024 * 1024)
        .default(5 * 1024 * 1024),
    })
    .prefault({}),
});
export type CrawlConfig = z.infer<typeof CrawlConfig>;
export type SourceConfig = CrawlConfig["sources"][number];

/** A crawl configuration file that cannot be read or is not valid; the message names the file and each problem. */
export class InvalidCrawlConfig extends Error {
  override readonly name = "InvalidCrawlConfig";
}

export function loadCrawlConfig(path: string): CrawlConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new InvalidCrawlConfig(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = CrawlConfig.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`);
    throw new InvalidCrawlConfig(`${path}: ${problems.join("; ")}`);
  }
  return parsed.data;
}

/** The hosts a source crawls: configured, or those of its start URLs. */
export function sourceHosts(source: SourceConfig): Set<string> {
  const urls = source.kind === "site" ? source.start_urls : [source.url];
  return new Set((source.hosts ?? urls.map((u) => new URL(u).hostname)).map((h) => h.toLowerCase()));
}

export function intervalMs(text: string): number {
  const unit = text.at(-1);
  const n = Number(text.slice(0, -1));
  const units: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const unitMs = units[unit ?? "d"] ?? 86_400_000;
  return n * unitMs;
}
