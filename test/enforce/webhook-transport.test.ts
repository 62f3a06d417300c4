/** The undici transport against a real server: statuses, redirects not followed, Retry-After, snippets. */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { createUndiciTransport, parseRetryAfter } from "../../src/enforce/webhook-transport.js";

test("statuses come back as they are: a 3xx is not followed, Retry-After and body snippet are read", async () => {
  let hits = 0;
  const server = createServer((req, res) => {
    hits += 1;
    if (req.url === "/moved") res.writeHead(302, { location: "/elsewhere" }).end();
    else if (req.url === "/busy") res.writeHead(429, { "retry-after": "7" }).end("slow down\n please");
    else res.writeHead(500).end("x".repeat(10_000));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const transport = createUndiciTransport();
  const send = (path: string) =>
    transport.send({ url: base + path, headers: {}, body: "{}", timeoutMs: 2_000 });
  try {
    const moved = await send("/moved");
    assert.ok(moved.kind === "response" && moved.status === 302);
    assert.equal(hits, 1, "the redirect was not followed");
    assert.deepEqual(await send("/busy"), {
      kind: "response",
      status: 429,
      retryAfterMs: 7_000,
      bodySnippet: "slow down please",
    });
    const big = await send("/big");
    assert.ok(big.kind === "response" && big.status === 500 && big.bodySnippet.length === 300);
  } finally {
    await transport.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test("parseRetryAfter: delay-seconds or an HTTP date (RFC 9110 §10.2.3)", () => {
  const now = Date.parse("2026-11-22T10:00:00Z");
  assert.equal(parseRetryAfter("120", now), 120_000);
  assert.equal(parseRetryAfter(["5", "9"], now), 5_000);
  assert.equal(parseRetryAfter("Sun, 22 Nov 2026 10:01:00 GMT", now), 60_000);
  assert.equal(parseRetryAfter("Sun, 22 Nov 2026 09:00:00 GMT", now), 0);
  assert.equal(parseRetryAfter("soon", now), null);
  assert.equal(parseRetryAfter(undefined, now), null);
});
