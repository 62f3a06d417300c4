/**
 * Two Vigil instances on loopback (issue 19, "what it must show"): a hash
 * confirmed on A reaches B after one pull and a matching event on B opens a
 * review case (pulled entries are review-only by default); a withdrawal on A
 * stops the match on B; a tampered page is refused and the pull resumes from
 * the last good cursor; a partner without the bank's share sees nothing of it.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { PullError } from "../../src/exchange/feed-puller.js";
import { hash256FromHex } from "../../src/hashing/pdq/hash256.js";
import { flipBits, randomPdqHex } from "../support/pdq-near.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { api, waitUntilDecided } from "../support/vigil-process.js";

let a: TestServer;
let b: TestServer;
let aLead: string;
let partnerKey: string;
let strangerKey: string;
let bLead: string;
let publicKeyPem: string;
const shared = randomPdqHex(1901);
const secret = randomPdqHex(1902);

before(async () => {
  [a, b] = await Promise.all([startTestServer(), startTestServer()]);
  aLead = (await a.server.ctx.repos.apiKeys.create("lead", ["banks:write", "banks:read", "exchange:write"]))
    .key;
  partnerKey = (await a.server.ctx.repos.apiKeys.create("partner-b", ["exchange:read"])).key;
  strangerKey = (await a.server.ctx.repos.apiKeys.create("stranger", ["exchange:read"])).key;
  bLead = (await b.server.ctx.repos.apiKeys.create("lead", ["events:write", "cases:read", "exchange:write"]))
    .key;
  for (const [bank, value] of [
    ["shared-cse", shared],
    ["private-cse", secret],
  ]) {
    const added = await api(a.server.url, aLead, "POST", `/v1/banks/${bank}/entries`, {
      entries: [{ signal_type: "pdq", value, provenance: "confirmed" }],
    });
    assert.equal(added.status, 200, JSON.stringify(added.json));
  }
  const shareAnswer = await api(a.server.url, aLead, "PUT", "/v1/exchange/shares/partner-b/shared-cse");
  assert.deepEqual(shareAnswer.json, { partner: "partner-b", bank: "shared-cse", shared: true });
  const key = await fetch(`${a.server.url}/v1/exchange/public-key`);
  publicKeyPem = ((await key.json()) as { public_key_pem: string }).public_key_pem;
  const source = await api(b.server.url, bLead, "POST", "/v1/exchange/sources", {
    name: "vigil-a",
    feed_url: `${a.server.url}/v1/exchange/feed`,
    api_key: partnerKey,
    public_key_pem: publicKeyPem,
    bank: "from-a",
  });
  assert.equal(source.status, 201, JSON.stringify(source.json));
});

after(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

function photoEvent(id: string, pdq: string) {
  return {
    id,
    type: "account.updated",
    occurred_at: "2026-12-07T10:00:00Z",
    platform: "telegram",
    account: { id: `acc-${id}`, name: "someone", photo: { pdq, quality: 90 } },
  };
}

test("a hash confirmed on A reaches B after one pull; a match on B opens a review case, never an action", async () => {
  const pulled = await api(b.server.url, bLead, "POST", "/v1/exchange/sources/vigil-a/pull");
  assert.equal(pulled.status, 200, JSON.stringify(pulled.json));
  assert.equal(pulled.json.confirmed, 1);
  const entries = await b.server.ctx.repos.banks.stats("from-a");
  assert.deepEqual(
    entries.byProvenance,
    { unconfirmed: 1 },
    "review-only trust: pulled entries are unconfirmed",
  );
  const posted = await api(b.server.url, bLead, "POST", "/v1/events", {
    events: [photoEvent("x-1", flipBits(shared, 4))],
  });
  assert.equal(posted.status, 202);
  const decided = await waitUntilDecided(b.server.url, bLead, "telegram", "x-1", 60_000);
  assert.equal(decided.decision, "review");
  const cases = await api(b.server.url, bLead, "GET", "/v1/cases?status=open");
  const subjects = (cases.json.cases as { subject: { id: string } }[]).map((c) => c.subject.id);
  assert.ok(subjects.includes("acc-x-1"), "the match on the pulled entry opened a case");
  assert.equal(
    b.server.ctx.matcher.get().matchPdq(hash256FromHex(secret)).length,
    0,
    "no unshared bank leaks",
  );
});

test("a partner without the bank's share sees nothing of it", async () => {
  const page = await api(a.server.url, strangerKey, "GET", "/v1/exchange/feed");
  assert.equal(page.status, 200);
  assert.deepEqual(page.json.entries, []);
  assert.equal(page.json.partner, "stranger");
  const partner = await api(a.server.url, partnerKey, "GET", "/v1/exchange/feed");
  const banks = new Set((partner.json.entries as { bank: string }[]).map((e) => e.bank));
  assert.deepEqual([...banks], ["shared-cse"]);
  const noScope = await api(a.server.url, aLead, "GET", "/v1/exchange/feed");
  assert.equal(noScope.status, 403, "exchange:write configures; only exchange:read reads a feed");
  for (const query of ["?cursor=abc", "?cursor=-1", "?limit=0", "?limit=999999", "?other=1"]) {
    const bad = await api(a.server.url, partnerKey, "GET", `/v1/exchange/feed${query}`);
    assert.equal(bad.status, 400, query);
  }
  const sources = await api(b.server.url, bLead, "GET", "/v1/exchange/sources");
  const [view] = sources.json.sources as Record<string, unknown>[];
  assert.equal(view.bank, "from-a");
  assert.equal(view.trust, "review");
  assert.equal(
    "api_key" in view || JSON.stringify(view).includes(partnerKey),
    false,
    "the key is never shown",
  );
  const badKey = await api(b.server.url, bLead, "POST", "/v1/exchange/sources", {
    name: "broken",
    feed_url: `${a.server.url}/v1/exchange/feed`,
    api_key: "k",
    public_key_pem: "not a key",
    bank: "from-broken",
  });
  assert.equal(badKey.status, 400);
});

test("a withdrawal on A stops the match on B after the next pull", async () => {
  const bank = await a.server.ctx.repos.banks.get("shared-cse");
  assert.ok(await a.server.ctx.repos.banks.setIgnored(bank.id, "pdq", shared, true));
  const pulled = await b.server.ctx.exchange.pull("vigil-a");
  assert.equal(pulled.withdrawn, 1);
  assert.equal(b.server.ctx.matcher.get().matchPdq(hash256FromHex(shared)).length, 0);
  const again = await b.server.ctx.exchange.pull("vigil-a");
  assert.deepEqual([again.confirmed, again.withdrawn], [0, 0], "a second pull transfers nothing");
});

test("a tampered page is refused and the next pull resumes from the last good cursor", async () => {
  const more = [randomPdqHex(1903), randomPdqHex(1904), randomPdqHex(1905)];
  await api(a.server.url, aLead, "POST", "/v1/banks/shared-cse/entries", {
    entries: more.map((value) => ({ signal_type: "pdq", value, provenance: "confirmed" })),
  });
  const requested: (string | null)[] = [];
  let tamperAt = 3;
  const proxy: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://proxy");
    requested.push(url.searchParams.get("cursor"));
    const upstream = await fetch(`${a.server.url}${url.pathname}${url.search}`, {
      headers: { authorization: req.headers.authorization ?? "" },
    });
    let body = await upstream.text();
    if (requested.length === tamperAt) body = body.replace('"op":"confirm"', '"op":"withdraw"');
    res.writeHead(upstream.status, {
      "content-type": "application/json",
      "vigil-signature": upstream.headers.get("vigil-signature") ?? "",
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  try {
    const port = (proxy.address() as AddressInfo).port;
    await b.server.ctx.exchange.addSource({
      name: "vigil-a-proxied",
      feedUrl: `http://127.0.0.1:${port}/v1/exchange/feed`,
      apiKey: partnerKey,
      publicKeyPem,
      bank: "from-a-proxied",
    });
    await assert.rejects(
      b.server.ctx.exchange.pull("vigil-a-proxied", { pageSize: 1 }),
      (error: unknown) => error instanceof PullError && error.code === "TamperedPage",
    );
    const source = await b.server.ctx.exchange
      .sources()
      .then((all) => all.find((s) => s.name === "vigil-a-proxied"));
    assert.ok(source?.lastError?.startsWith("TamperedPage"));
    const lastGood = requested[2];
    assert.ok(lastGood, "two pages were applied before the tampered third");
    assert.equal(source?.cursor, lastGood);
    tamperAt = -1;
    const resumed = await b.server.ctx.exchange.pull("vigil-a-proxied", { pageSize: 1 });
    assert.equal(requested[3], lastGood, "the pull resumed from the last good cursor");
    assert.ok(resumed.confirmed >= 1);
    for (const value of more)
      assert.equal(b.server.ctx.matcher.get().matchPdq(hash256FromHex(value)).length, 1, value);
  } finally {
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  }
});
