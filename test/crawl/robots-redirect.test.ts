/**
 * Issue 17 finding 7: a redirect must not carry the crawler past robots.txt.
 * The first origin allows everything and redirects to a second origin whose
 * robots.txt disallows the target: the target is never requested and the
 * crawl result says why.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { MemoryCrawlJournal } from "../../src/crawl/crawl-journal.js";
import { crawlSite } from "../../src/crawl/crawl-site.js";
import { createCrawlTools } from "../../src/crawl/crawl-tools.js";

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

interface Origin {
  server: Server;
  origin: string;
  requested: string[];
}

async function startOrigin(answer: (path: string) => Answer): Promise<Origin> {
  const requested: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    requested.push(path);
    const { status, headers, body } = answer(path);
    res.writeHead(status, headers);
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}`, requested };
}

const html = { "content-type": "text/html" };
let forbidding: Origin;
let redirecting: Origin;

before(async () => {
  forbidding = await startOrigin((path) =>
    path === "/robots.txt"
      ? {
          status: 200,
          headers: { "content-type": "text/plain" },
          body: "User-agent: *\nDisallow: /private/\n",
        }
      : { status: 200, headers: html, body: "<html><body>open page</body></html>" },
  );
  redirecting = await startOrigin((path): Answer => {
    if (path === "/robots.txt")
      return { status: 200, headers: { "content-type": "text/plain" }, body: "User-agent: *\nAllow: /\n" };
    if (path === "/go-private")
      return { status: 302, headers: { location: `${forbidding.origin}/private/listing` }, body: "" };
    if (path === "/go-open")
      return { status: 302, headers: { location: `${forbidding.origin}/open` }, body: "" };
    return { status: 404, headers: html, body: "" };
  });
});

after(async () => {
  await new Promise((resolve) => forbidding.server.close(resolve));
  await new Promise((resolve) => redirecting.server.close(resolve));
});

test("a redirect to an origin whose robots.txt disallows the target is refused, with the reason recorded", async () => {
  const journal = new MemoryCrawlJournal();
  const tools = createCrawlTools({ networkAllowHosts: ["127.0.0.1"], timeoutMs: 5000, minIntervalMs: 0 });
  try {
    await crawlSite(
      {
        source: "robots-redirect",
        startUrls: [`${redirecting.origin}/go-private`, `${redirecting.origin}/go-open`],
        allowHosts: new Set(["127.0.0.1"]),
        maxDepth: 0,
        maxPages: 10,
      },
      tools,
      journal,
    );
  } finally {
    await tools.close();
  }
  const refused = journal.records.find((r) => r.url.endsWith("/go-private"));
  assert.equal(refused?.outcome, "refused");
  assert.ok(refused?.outcome === "refused");
  assert.equal(refused.reason, "robots_disallowed");
  assert.match(
    refused.message,
    new RegExp(`robots\\.txt of ${forbidding.origin} disallows /private/listing`),
  );
  assert.ok(forbidding.requested.includes("/robots.txt"), "the target origin's robots.txt was read");
  assert.ok(!forbidding.requested.includes("/private/listing"), "the disallowed target was never requested");

  // The same redirect to an allowed path on that origin is followed, so the refusal is robots.txt's doing.
  const followed = journal.records.find((r) => r.url.endsWith("/go-open"));
  assert.equal(followed?.outcome, "fetched");
  assert.ok(forbidding.requested.includes("/open"));
  assert.equal(
    forbidding.requested.filter((p) => p === "/robots.txt").length,
    1,
    "robots.txt read once per origin",
  );
});

test("a redirect to an origin whose robots.txt cannot be read is not followed, and says why", async () => {
  // A port that was just closed: nothing answers there, robots.txt included.
  const gone = await startOrigin(() => ({ status: 200, headers: html, body: "" }));
  await new Promise((resolve) => gone.server.close(resolve));
  const journal = new MemoryCrawlJournal();
  const tools = createCrawlTools({ networkAllowHosts: ["127.0.0.1"], timeoutMs: 5000, minIntervalMs: 0 });
  const hop = await startOrigin(
    (path): Answer =>
      path === "/robots.txt"
        ? { status: 404, headers: html, body: "" }
        : { status: 302, headers: { location: `${gone.origin}/listing` }, body: "" },
  );
  try {
    await crawlSite(
      {
        source: "robots-unreadable",
        startUrls: [`${hop.origin}/go`],
        allowHosts: new Set(["127.0.0.1"]),
        maxDepth: 0,
        maxPages: 10,
      },
      tools,
      journal,
    );
  } finally {
    await tools.close();
    await new Promise((resolve) => hop.server.close(resolve));
  }
  const [record] = journal.records;
  assert.ok(record?.outcome === "refused", JSON.stringify(record));
  assert.equal(record.reason, "unreachable");
  assert.match(record.message, new RegExp(`robots\\.txt of ${gone.origin} could not be read`));
  assert.deepEqual(gone.requested, []);
});
