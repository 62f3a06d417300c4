/**
 * The crawler against the fixture directory on 127.0.0.1: every expected link
 * found once, every trap recorded with its reason, the robots-disallowed path
 * never requested, and the JSON API mapped.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { CrawlConfig } from "../../src/crawl/crawl-config.js";
import { MemoryCrawlJournal } from "../../src/crawl/crawl-journal.js";
import { crawlSite } from "../../src/crawl/crawl-site.js";
import { createCrawlTools } from "../../src/crawl/crawl-tools.js";
import { crawlJsonApi } from "../../src/crawl/json-api-source.js";
import type { FoundInvite } from "../../src/crawl/listing.js";
import { type DirectorySite, startDirectorySite } from "../../src/demo/directory-site.js";

let site: DirectorySite;
before(async () => {
  site = await startDirectorySite();
});
after(() => site.close());

/** internal.test stands for a name whose DNS answer is loopback: refused unless allowlisted by name. */
const fakeDns = async (host: string) =>
  host === "internal.test"
    ? [{ address: "127.0.0.1", family: 4 }]
    : Promise.reject(new Error(`ENOTFOUND ${host}`));

function tools() {
  return createCrawlTools({
    networkAllowHosts: ["127.0.0.1"],
    resolveHost: fakeDns,
    // Well under the slow page's 3 s, and enough for a redirect hop on a loaded machine (400 ms was flaky at load 16).
    timeoutMs: 1000,
    maxBytes: 1024 * 1024,
    minIntervalMs: 0,
  });
}

test("a site crawl finds every listed link once, with category and title, and records every trap", async () => {
  const journal = new MemoryCrawlJournal();
  const seen: FoundInvite[] = [];
  await crawlSite(
    {
      source: "fixture",
      startUrls: [`${site.origin}/`],
      allowHosts: new Set(["127.0.0.1", "internal.test"]),
      maxDepth: 5,
      maxPages: 200,
    },
    tools(),
    journal,
    { onInvite: (invite) => seen.push(invite) },
  );
  const urls = seen.map((i) => i.url);
  assert.equal(new Set(urls).size, urls.length, "each link reported once");
  assert.deepEqual([...urls].sort(), [...site.expectedHtmlLinks()].sort());
  assert.ok(!urls.includes(site.hiddenLink));

  const first = seen.find((i) => i.url === site.expectedHtmlLinks()[0]);
  assert.equal(first?.category, "Friendship");
  assert.equal(first?.title, "Fixture group 0");
  assert.equal(first?.description, "A benign fixture group about Friendship.");
  assert.match(first?.foundOn ?? "", /\/c\/friendship\?page=1$/);

  const reasons = new Map(
    journal.records.flatMap((r) =>
      r.outcome === "refused" ? [[new URL(r.url).pathname, r.reason] as const] : [],
    ),
  );
  assert.equal(reasons.get("/private/hidden"), "robots_disallowed");
  assert.equal(reasons.get("/slow"), "timeout");
  assert.equal(reasons.get("/loop/a"), "redirect_loop");
  assert.equal(reasons.get("/huge"), "too_large");
  assert.equal(reasons.get("/huge-chunked"), "too_large");
  assert.equal(reasons.get("/ssrf-redirect"), "address_not_allowed");
  assert.equal(reasons.get("/image.png"), "wrong_content_type");
  assert.equal(site.hits.get("/private/hidden"), undefined, "the disallowed path was never requested");
  assert.ok(
    !journal.records.some((r) => r.url.includes("elsewhere.invalid")),
    "off-site links are not followed",
  );
  const pages = journal.records.map((r) => r.url);
  assert.equal(new Set(pages).size, pages.length, "each page visited once");
});

test("maxPages stops the crawl", async () => {
  const journal = new MemoryCrawlJournal();
  await crawlSite(
    {
      source: "fixture",
      startUrls: [`${site.origin}/`],
      allowHosts: new Set(["127.0.0.1"]),
      maxDepth: 5,
      maxPages: 3,
    },
    tools(),
    journal,
  );
  assert.equal(journal.records.length, 3);
});

test("a JSON API source maps listings and follows its next page", async () => {
  const journal = new MemoryCrawlJournal();
  const seen: FoundInvite[] = [];
  await crawlJsonApi(
    {
      source: "fixture-api",
      url: `${site.origin}/api/groups?page=1`,
      allowHosts: new Set(["127.0.0.1"]),
      maxPages: 10,
      mapping: {
        items: "data.groups",
        link: "invite",
        title: "name",
        category: "tags.category",
        next: "next",
      },
    },
    tools(),
    journal,
    { onInvite: (invite) => seen.push(invite) },
  );
  assert.deepEqual(
    seen.map((i) => i.url),
    site.expectedApiLinks(),
  );
  assert.equal(seen[0].category, "Api category");
  assert.match(seen[0].title ?? "", /^API Fixture group/);
  assert.equal(journal.records.length, 2);
});

test("without the network allowlist, the loopback start page is refused before any request", async () => {
  const journal = new MemoryCrawlJournal();
  const before = site.hits.get("/") ?? 0;
  await crawlSite(
    {
      source: "fixture",
      startUrls: [`${site.origin}/`],
      allowHosts: new Set(["127.0.0.1"]),
      maxDepth: 1,
      maxPages: 5,
    },
    createCrawlTools({ minIntervalMs: 0 }),
    journal,
  );
  assert.deepEqual(
    journal.records.map((r) => (r.outcome === "refused" ? r.reason : r.outcome)),
    ["address_not_allowed"],
  );
  assert.equal(site.hits.get("/") ?? 0, before);
});

test("the crawl configuration is strict and fills in defaults", () => {
  const misspelt = CrawlConfig.safeParse({
    sources: [{ kind: "site", name: "x", start_url: ["http://a.example/"] }],
  });
  assert.equal(misspelt.success, false);
  const parsed = CrawlConfig.parse({
    sources: [{ kind: "site", name: "x", start_urls: ["http://a.example/"] }],
  });
  assert.equal(parsed.sources[0].kind === "site" && parsed.sources[0].max_depth, 3);
  assert.equal(parsed.politeness.min_interval_ms, 1000);
  assert.deepEqual(parsed.network_allow_hosts, []);
});
