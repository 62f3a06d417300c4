/**
 * Crawl throughput (issue 7): pages and invite links a second against the
 * fixture directory on 127.0.0.1 with `pages` listing pages (10 categories,
 * 5 listings a page), no politeness delay, every page parsed with cheerio and
 * every link canonicalised. Run alone with `node dist/bench/crawl.js [pages]`.
 */
import { pathToFileURL } from "node:url";
import { MemoryCrawlJournal } from "../src/crawl/crawl-journal.js";
import { crawlSite } from "../src/crawl/crawl-site.js";
import { createCrawlTools } from "../src/crawl/crawl-tools.js";
import { startDirectorySite } from "../src/demo/directory-site.js";

export interface CrawlBenchOptions {
  pages: number;
  log: (line: string) => void;
}

export async function runCrawlBench(options: CrawlBenchOptions): Promise<{ label: string; value: string }[]> {
  const categories = Array.from({ length: 10 }, (_, i) => `Category ${i}`);
  const pagesPerCategory = Math.ceil(options.pages / categories.length);
  const site = await startDirectorySite({ categories, pagesPerCategory, listingsPerPage: 5, slowMs: 10 });
  const journal = new MemoryCrawlJournal();
  const tools = createCrawlTools({
    networkAllowHosts: ["127.0.0.1"],
    minIntervalMs: 0,
    hostConcurrency: 16,
    concurrency: 16,
    timeoutMs: 5000,
    maxBytes: 1024 * 1024,
  });
  try {
    let invites = 0;
    const started = process.hrtime.bigint();
    await crawlSite(
      {
        source: "bench",
        startUrls: [`${site.origin}/`],
        allowHosts: new Set(["127.0.0.1"]),
        maxDepth: pagesPerCategory + 2,
        maxPages: options.pages + 100,
      },
      tools,
      journal,
      {
        onInvite: () => {
          invites++;
        },
      },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const fetched = journal.records.filter((r) => r.outcome === "fetched").length;
    options.log(`crawl: ${fetched} pages, ${invites} invite links in ${seconds.toFixed(1)} s`);
    return [
      { label: "listing pages on the fixture site", value: String(categories.length * pagesPerCategory) },
      { label: "pages fetched and parsed", value: String(fetched) },
      { label: "distinct invite links", value: String(invites) },
      { label: "pages per second", value: (fetched / seconds).toFixed(0) },
      { label: "invite links per second", value: (invites / seconds).toFixed(0) },
    ];
  } finally {
    await tools.close();
    await site.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rows = await runCrawlBench({ pages: Number(process.argv[2] ?? 10_000), log: console.log });
  for (const row of rows) console.log(`${row.label}: ${row.value}`);
}
