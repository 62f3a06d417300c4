/**
 * The crawler's SSRF guard: loopback, private, link-local (metadata) and IPv6
 * loopback are refused as literals, as names resolving to them, and as
 * redirect targets, unless the host is allowlisted by name. Refused addresses
 * are judged before any connection, so no traffic leaves for 10.x or 169.254.x.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { CrawlFetchError } from "../../src/crawl/crawl-fetch-error.js";
import { guardedFetch } from "../../src/crawl/guarded-fetch.js";
import { parseRobots } from "../../src/crawl/robots.js";
import { type DirectorySite, startDirectorySite } from "../../src/demo/directory-site.js";

let site: DirectorySite;
before(async () => {
  site = await startDirectorySite();
});
after(() => site.close());

const DNS: Record<string, string> = {
  "loopback.test": "127.0.0.1",
  "private.test": "10.0.0.1",
  "metadata.test": "169.254.169.254",
  "v6loop.test": "::1",
  "internal.test": "127.0.0.1",
};
const fakeDns = async (host: string) => {
  const address = DNS[host];
  if (!address) throw new Error(`ENOTFOUND ${host}`);
  return [{ address, family: address.includes(":") ? 6 : 4 }];
};

async function reason(url: string, allowHosts: string[] = []): Promise<string> {
  try {
    await guardedFetch(url, { allowHosts: new Set(allowHosts), resolveHost: fakeDns, timeoutMs: 1000 });
    return "fetched";
  } catch (error) {
    assert.ok(error instanceof CrawlFetchError, String(error));
    return error.reason;
  }
}

for (const literal of ["127.0.0.1", "10.0.0.1", "169.254.169.254", "[::1]"]) {
  test(`a literal ${literal} is refused when not allowlisted`, async () => {
    assert.equal(await reason(`http://${literal}:${site.port}/`), "address_not_allowed");
  });
}

for (const name of Object.keys(DNS)) {
  test(`a name resolving to ${DNS[name]} is refused when not allowlisted`, async () => {
    assert.equal(await reason(`http://${name}:${site.port}/`), "address_not_allowed");
  });
}

test("an allowlisted host is fetched; a redirect from it to a loopback name is refused", async () => {
  assert.equal(await reason(`${site.origin}/`, ["127.0.0.1"]), "fetched");
  assert.equal(await reason(`http://loopback.test:${site.port}/`, ["loopback.test"]), "fetched");
  assert.equal(await reason(`${site.origin}/ssrf-redirect`, ["127.0.0.1"]), "address_not_allowed");
  assert.equal(site.hits.get("/private/hidden"), undefined);
});

test("non-http schemes and credentials are refused", async () => {
  assert.equal(await reason("file:///etc/passwd"), "address_not_allowed");
  assert.equal(await reason(`http://user:pw@127.0.0.1:${site.port}/`, ["127.0.0.1"]), "address_not_allowed");
});

test("robots.txt: our group over *, longest match, allow wins ties, wildcards and $", () => {
  const rules = parseRobots(
    [
      "User-agent: *",
      "Disallow: /",
      "",
      "User-agent: OtherBot",
      "User-agent: vigilcrawler",
      "Disallow: /private/",
      "Allow: /private/open",
      "Disallow: /*.pdf$",
      "Crawl-delay: 2",
    ].join("\n"),
    "VigilCrawler/0.1",
  );
  assert.equal(rules.isAllowed("/c/friends?page=1"), true);
  assert.equal(rules.isAllowed("/private/x"), false);
  assert.equal(rules.isAllowed("/private/open/1"), true);
  assert.equal(rules.isAllowed("/a/b.pdf"), false);
  assert.equal(rules.isAllowed("/a/b.pdf?x"), true);
  assert.equal(rules.crawlDelaySeconds, 2);
  assert.equal(parseRobots("User-agent: *\nDisallow: /\n", "VigilCrawler").isAllowed("/"), false);
  assert.equal(parseRobots("", "VigilCrawler").isAllowed("/"), true);
});
