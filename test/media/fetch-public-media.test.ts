/**
 * Fetching media by URL: the default policy refuses every non-public address before
 * any request is made; with the policy widened to 127.0.0.1 (tests only) the local
 * server exercises redirects, limits, timeouts and HTTP errors.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type FetchMediaOptions, fetchPublicMedia } from "../../src/media/fetch-public-media.js";
import type { HostResolver } from "../../src/media/guarded-lookup.js";
import { MediaFetchError } from "../../src/media/media-fetch-error.js";
import { closedPort, type MediaServer, startMediaServer } from "../support/media-server.js";
import { fixturesDir } from "../support/paths.js";

let server: MediaServer;
let image: Buffer;
before(async () => {
  image = await readFile(join(fixturesDir, "images", "checker-300x200.png"));
  server = await startMediaServer(image);
});
after(async () => {
  await server.close();
});

/** Tests only: loopback 127.0.0.1 counts as allowed, everything else as the default policy says. */
const LOCAL: Partial<FetchMediaOptions> = { isAllowedAddress: (address) => address === "127.0.0.1" };

/** A fake DNS, so names that exist nowhere resolve to what the test needs. */
function fakeDns(table: Record<string, string[]>): HostResolver {
  return async (hostname) => {
    const addresses = table[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
}

async function expectFetchError(
  url: string,
  code: string,
  options: Partial<FetchMediaOptions> = {},
): Promise<MediaFetchError> {
  const error = await fetchPublicMedia(url, options).then(
    () => assert.fail(`${url} was fetched but should fail with ${code}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof MediaFetchError, `expected a MediaFetchError, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  return error;
}

test("the default policy refuses loopback, private, link-local and disguised addresses without a request", async () => {
  const port = server.port;
  for (const url of [
    `${server.origin}/image`,
    `http://localhost:${port}/image`,
    `http://127.1:${port}/image`,
    `http://2130706433:${port}/image`,
    `http://0x7f000001:${port}/image`,
    `http://[::1]:${port}/image`,
    `http://[::ffff:127.0.0.1]:${port}/image`,
    `http://0.0.0.0:${port}/image`,
    "http://10.0.0.1/image",
    "http://192.168.1.1/image",
    "http://172.16.0.1/image",
    "http://100.64.0.1/image",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fe80::1]/image",
    "http://[fd00::1]/image",
  ]) {
    await expectFetchError(url, "UrlNotAllowed");
  }
  assert.equal(server.hits.size, 0, "a refused URL reached the server");
});

test("only http and https, and no credentials in the URL", async () => {
  for (const url of [
    "file:///etc/passwd",
    "ftp://example.com/a.png",
    "data:image/png;base64,iVBORw0KGgo=",
    "gopher://example.com/",
    "not a url",
    "https://user:secret@example.com/a.png",
  ]) {
    await expectFetchError(url, "UrlNotAllowed");
  }
});

test("a name is judged by the addresses it resolves to, at connect time", async () => {
  const resolveHost = fakeDns({
    "media.test": ["127.0.0.1"],
    "private.test": ["10.1.2.3"],
    "mixed.test": ["127.0.0.1", "10.1.2.3"],
  });
  // media.test exists only in the fake DNS: fetching it proves the socket used the checked address.
  const fetched = await fetchPublicMedia(`http://media.test:${server.port}/image`, { ...LOCAL, resolveHost });
  assert.ok(fetched.bytes.equals(image));
  await expectFetchError(`http://media.test:${server.port}/image`, "UrlNotAllowed", { resolveHost });
  await expectFetchError(`http://private.test:${server.port}/image`, "UrlNotAllowed", {
    ...LOCAL,
    resolveHost,
  });
  await expectFetchError(`http://mixed.test:${server.port}/image`, "UrlNotAllowed", {
    ...LOCAL,
    resolveHost,
  });
  await expectFetchError(`http://nowhere.test:${server.port}/image`, "UrlUnreachable", {
    ...LOCAL,
    resolveHost,
  });
});

test("an image is fetched whole, with and without Content-Length", async () => {
  for (const path of ["/image", "/image-chunked"]) {
    const fetched = await fetchPublicMedia(`${server.origin}${path}`, LOCAL);
    assert.ok(fetched.bytes.equals(image));
    assert.equal(fetched.contentType, "image/png");
    assert.equal(fetched.url, `${server.origin}${path}`);
  }
});

test("redirects are followed up to the limit, each hop checked", async () => {
  const fetched = await fetchPublicMedia(`${server.origin}/redirect-absolute`, LOCAL);
  assert.ok(fetched.bytes.equals(image));
  assert.equal(fetched.url, `${server.origin}/image`);
  await expectFetchError(`${server.origin}/redirect-absolute`, "UrlHttpError", { ...LOCAL, maxRedirects: 1 });
  const loop = await expectFetchError(`${server.origin}/redirect-loop`, "UrlHttpError", LOCAL);
  assert.equal(loop.status, 302);
  await expectFetchError(`${server.origin}/redirect-private`, "UrlNotAllowed", LOCAL);
  await expectFetchError(`${server.origin}/redirect-file`, "UrlNotAllowed", LOCAL);
});

test("HTTP errors carry their status", async () => {
  const error = await expectFetchError(`${server.origin}/missing`, "UrlHttpError", LOCAL);
  assert.equal(error.status, 404);
});

test("bodies over the limit stop at the Content-Length or as soon as the bytes pass it", async () => {
  const started = Date.now();
  await expectFetchError(`${server.origin}/huge-declared`, "MediaTooLarge", LOCAL);
  await expectFetchError(`${server.origin}/huge-streamed`, "MediaTooLarge", {
    ...LOCAL,
    maxBytes: 1024 * 1024,
  });
  await expectFetchError(`${server.origin}/image`, "MediaTooLarge", { ...LOCAL, maxBytes: 100 });
  await expectFetchError(`${server.origin}/image-chunked`, "MediaTooLarge", { ...LOCAL, maxBytes: 100 });
  assert.ok(Date.now() - started < 5000);
});

test("one deadline covers a server that never answers and one that dribbles", async () => {
  for (const path of ["/hang", "/dribble"]) {
    const started = Date.now();
    await expectFetchError(`${server.origin}${path}`, "UrlTimeout", { ...LOCAL, timeoutMs: 500 });
    const took = Date.now() - started;
    assert.ok(took >= 450 && took < 3000, `${path} took ${took} ms`);
  }
});

test("nothing listening is UrlUnreachable", async () => {
  await expectFetchError(`http://127.0.0.1:${await closedPort()}/image`, "UrlUnreachable", LOCAL);
});
