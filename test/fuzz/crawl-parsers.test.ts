/**
 * Issue 17: the crawler's parsers under hostile pages and robots.txt files.
 * The only error a page may raise is the crawler's own refusal of a page that
 * nests too deep (CrawlFetchError too_large, recorded like any fetch refusal);
 * robots.txt never throws. This suite found both: nested elements held the
 * parsers for minutes (src/crawl/load-page.ts), and a robots.txt wildcard
 * pattern backtracked for minutes (now matched without regular expressions; a
 * property checks the matcher against the regular-expression reading on short
 * inputs, where backtracking is cheap).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { CrawlFetchError } from "../../src/crawl/crawl-fetch-error.js";
import {
  inviteLinksInEncodedText,
  inviteLinksInRedirect,
  inviteLinksInText,
} from "../../src/crawl/extract-links.js";
import { parseDirectoryPage } from "../../src/crawl/parse-directory-page.js";
import { readPreviewPage } from "../../src/crawl/preview/read-preview-page.js";
import { parseRobots, robotsPatternMatches } from "../../src/crawl/robots.js";
import {
  hostileHtml,
  hostileHtmlCorpus,
  hostilePaths,
  hostileRobots,
  hostileRobotsCorpus,
  patternAndPath,
} from "./crawl-corpus.js";
import { FUZZ_SEED, namedBy, OutcomeTally } from "./outcome-tally.js";

const RUNS = 150;
const PAGE_URL = "https://directory.example/groups?page=2";
const GENERIC_TITLE = /^(WhatsApp|Telegram)$/i;

/** Both page readers and the text link finders on one body. */
function readPage(body: Buffer): void {
  const page = parseDirectoryPage(body, PAGE_URL);
  assert.ok(Array.isArray(page.links) && Array.isArray(page.invites));
  const preview = readPreviewPage(body, PAGE_URL, GENERIC_TITLE);
  assert.equal(typeof preview.note, "string");
  if (preview.memberCount !== undefined) assert.ok(Number.isSafeInteger(preview.memberCount));
  const text = body.toString("utf8");
  inviteLinksInText(text);
  inviteLinksInEncodedText(text);
  inviteLinksInRedirect(text.slice(0, 4096));
}

function readRobots(text: string): void {
  const rules = parseRobots(text, "VigilCrawler");
  for (const path of hostilePaths) assert.equal(typeof rules.isAllowed(path), "boolean");
  const delay = rules.crawlDelaySeconds;
  assert.ok(delay === undefined || Number.isFinite(delay), `crawl-delay ${delay}`);
}

test("the hostile page corpus: directory pages, previews and link finders", async (t) => {
  const tally = new OutcomeTally("crawler HTML corpus", namedBy(CrawlFetchError));
  for (const c of hostileHtmlCorpus()) await tally.run(c.name, () => readPage(c.body));
  tally.report(t);
  assert.equal(tally.outcomes.get("CrawlFetchError too_large"), 2, "both 50,000-deep pages refused");
});

test("the hostile robots.txt corpus, backtracking wildcards included", async (t) => {
  const tally = new OutcomeTally("robots.txt corpus", namedBy());
  for (const c of hostileRobotsCorpus()) await tally.run(c.name, () => readRobots(c.text));
  tally.report(t);
});

test("property: generated pages", async (t) => {
  const tally = new OutcomeTally("crawler HTML (generated)", namedBy(CrawlFetchError));
  await fc.assert(
    fc.asyncProperty(hostileHtml, (body) => tally.run(`page of ${body.length} bytes`, () => readPage(body))),
    { seed: FUZZ_SEED, numRuns: RUNS },
  );
  tally.report(t);
});

test("property: generated robots.txt files", async (t) => {
  const tally = new OutcomeTally("robots.txt (generated)", namedBy());
  await fc.assert(
    fc.asyncProperty(hostileRobots, (text) =>
      tally.run(`robots of ${text.length} chars`, () => readRobots(text)),
    ),
    { seed: FUZZ_SEED, numRuns: RUNS },
  );
  tally.report(t);
});

/** RFC 9309's reading as a regular expression: fine on short inputs, exponential on hostile ones. */
function byRegex(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith("$");
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}${anchored ? "$" : ""}`).test(path);
}

test("property: the robots.txt wildcard matcher agrees with the regular-expression reading", (t) => {
  let cases = 0;
  fc.assert(
    fc.property(patternAndPath, ([pattern, path]) => {
      cases += 1;
      assert.equal(robotsPatternMatches(pattern, path), byRegex(pattern, path), `${pattern} on ${path}`);
    }),
    { seed: FUZZ_SEED, numRuns: 1000 },
  );
  t.diagnostic(`robots.txt pattern matcher: ${cases} cases, 0 disagreements`);
});
