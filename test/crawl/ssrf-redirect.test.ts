/**
 * The SSRF guard on redirects, address by address (issue 7): an allowlisted
 * page on 127.0.0.1 that redirects to 127.0.0.1, 10.0.0.1, 169.254.169.254 or
 * ::1 (as a literal or as a name resolving to it) is refused before the
 * second request, and a preview resolved through such a redirect says why.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { CrawlFetchError } from "../../src/crawl/crawl-fetch-error.js";
import { createCrawlTools } from "../../src/crawl/crawl-tools.js";
import { guardedFetch } from "../../src/crawl/guarded-fetch.js";
import { previewBases } from "../../src/crawl/preview/preview-sources.js";
import { resolvePreview } from "../../src/crawl/preview/resolve-preview.js";

const TARGETS: Record<string, string> = {
  "loopback.test": "127.0.0.1",
  "private.test": "10.0.0.1",
  "metadata.test": "169.254.169.254",
  "v6loop.test": "::1",
};
const fakeDns = async (host: string) => {
  const address = TARGETS[host];
  if (!address) throw new Error(`ENOTFOUND ${host}`);
  return [{ address, family: address.includes(":") ? 6 : 4 }];
};

let server: Server;
let origin: string;
/** Paths the redirecting server was asked for: a refused hop never reaches it again. */
const asked: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    asked.push(req.url ?? "");
    const to = new URL(req.url ?? "/", "http://x").searchParams.get("to");
    if (to) {
      res.writeHead(302, { location: to });
      res.end();
      return;
    }
    res.writeHead(200, { "content-type": "text/html" });
    res.end("<title>reached</title>");
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

async function reason(to: string): Promise<string> {
  try {
    await guardedFetch(`${origin}/go?to=${encodeURIComponent(to)}`, {
      allowHosts: new Set(["127.0.0.1"]),
      resolveHost: fakeDns,
      timeoutMs: 2000,
    });
    return "fetched";
  } catch (error) {
    assert.ok(error instanceof CrawlFetchError, String(error));
    return error.reason;
  }
}

for (const [name, address] of Object.entries(TARGETS)) {
  const literal = address.includes(":") ? `[${address}]` : address;
  test(`a redirect to ${literal} or to a name resolving to it is refused`, async () => {
    // The fixture's own port, so a hop that got through would be seen in `asked`.
    const port = (server.address() as AddressInfo).port;
    // 127.0.0.1 itself is allowlisted by name; a redirect to it by another name is not.
    if (address !== "127.0.0.1")
      assert.equal(await reason(`http://${literal}:${port}/secret`), "address_not_allowed");
    assert.equal(await reason(`http://${name}:${port}/secret`), "address_not_allowed");
    assert.ok(!asked.some((p) => p.startsWith("/secret")), "the refused target was never requested");
  });
}

test("a preview page that redirects to the metadata address is an unknown observation with the reason", async () => {
  const env = {
    VIGIL_PREVIEW_BASE_WHATSAPP: `${origin}/go?to=${encodeURIComponent("http://metadata.test/latest")}&code=`,
  };
  const tools = createCrawlTools({ networkAllowHosts: ["127.0.0.1"], resolveHost: fakeDns, timeoutMs: 2000 });
  try {
    const seen = await resolvePreview(
      {
        platform: "whatsapp",
        code: "MetadataRedirect01",
        url: "https://chat.whatsapp.com/MetadataRedirect01",
      },
      { bases: previewBases(env), fetch: tools.fetch, withImage: false, maxImageBytes: 1024 },
    );
    assert.equal(seen.observation, "unknown");
    assert.match(seen.note, /169\.254\.169\.254|not a public address|address_not_allowed/);
  } finally {
    await tools.close();
  }
});
