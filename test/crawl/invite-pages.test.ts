/**
 * One directory page per platform carrying every link form, each printed the
 * ways directories print links (href, text, disguised text, a copy button's
 * data attribute, an outbound redirector), plus the platform's look-alikes:
 * the links found are exactly the links planted, page by page and through a
 * crawl of all the pages.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { MemoryCrawlJournal } from "../../src/crawl/crawl-journal.js";
import { crawlSite } from "../../src/crawl/crawl-site.js";
import { createCrawlTools } from "../../src/crawl/crawl-tools.js";
import type { FoundInvite } from "../../src/crawl/listing.js";
import { parseDirectoryPage } from "../../src/crawl/parse-directory-page.js";
import { PLATFORM_FORMS, plantedPage } from "./invite-form-fixtures.js";

for (const forms of PLATFORM_FORMS) {
  test(`${forms.platform}: every planted link is found once, no look-alike is`, () => {
    const page = plantedPage(forms);
    const found = parseDirectoryPage(Buffer.from(page.html), "https://directory.example/groups");
    assert.equal(found.invites.length, page.planted.length);
    assert.deepEqual(found.invites.map((i) => i.url).sort(), [...page.planted].sort());
    assert.ok(found.invites.every((i) => i.platform === forms.platform));
  });
}

test("a crawl of the seven platform pages finds as many links as were planted", async () => {
  const pages = new Map(PLATFORM_FORMS.map((f) => [`/${f.platform}`, plantedPage(f)]));
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/robots.txt") return void res.writeHead(404).end();
    if (path === "/") {
      const links = [...pages.keys()].map((p) => `<a href="${p}">${p}</a>`).join(" ");
      return void res
        .writeHead(200, { "content-type": "text/html" })
        .end(`<html><body>${links}</body></html>`);
    }
    const page = pages.get(path);
    if (!page) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page.html);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const seen: FoundInvite[] = [];
    await crawlSite(
      {
        source: "forms",
        startUrls: [`${origin}/`],
        allowHosts: new Set(["127.0.0.1"]),
        maxDepth: 2,
        maxPages: 50,
      },
      createCrawlTools({ networkAllowHosts: ["127.0.0.1"], timeoutMs: 5000, minIntervalMs: 0 }),
      new MemoryCrawlJournal(),
      { onInvite: (invite) => seen.push(invite) },
    );
    const planted = [...pages.values()].flatMap((p) => p.planted);
    assert.equal(seen.length, planted.length);
    assert.deepEqual(seen.map((i) => i.url).sort(), planted.sort());
  } finally {
    server.close();
  }
});
