/**
 * The puller against in-memory feeds: every way a page can be wrong is refused
 * with a named code before anything is applied, and one page's opinions on the
 * same hash net out to the last one.
 */
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { test } from "node:test";
import { FEED_FORMAT, type FeedPage } from "../../src/exchange/feed-format.js";
import { type FetchedPage, PullError, type PullPorts, pullFeed } from "../../src/exchange/feed-puller.js";
import { signFeedBody } from "../../src/exchange/feed-signature.js";
import { fetchFeedPage } from "../../src/exchange/fetch-feed-page.js";
import type { ExchangeSourceRow, PulledEntry } from "../../src/store/repositories/exchange-repository.js";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const source: ExchangeSourceRow = {
  id: 1,
  name: "partner",
  feedUrl: "http://partner.invalid/v1/exchange/feed",
  apiKeySealed: "",
  publicKeyPem: "",
  bankId: 1,
  trust: "review",
  cursor: null,
  entriesApplied: 0,
  lastRunAt: null,
  lastError: null,
  createdAt: new Date(),
};
const pdq = (n: number) => n.toString(16).padStart(64, "0");

function page(over: Partial<FeedPage>): FeedPage {
  return {
    format: FEED_FORMAT,
    partner: "b",
    cursor: null,
    next_cursor: null,
    has_more: false,
    entries: [],
    ...over,
  };
}

function signed(body: string, status = 200): FetchedPage {
  return { status, body: Buffer.from(body), signature: signFeedBody(body, privateKey) };
}

function ports(pages: FetchedPage[]): PullPorts & { applied: [PulledEntry[], PulledEntry[], string][] } {
  const applied: [PulledEntry[], PulledEntry[], string][] = [];
  return {
    applied,
    async fetchPage() {
      const next = pages.shift();
      if (!next) throw new Error("no more pages");
      return next;
    },
    async applyPage(_s, confirms, withdraws, cursor) {
      applied.push([confirms, withdraws, cursor]);
    },
  };
}

async function refusal(pages: FetchedPage[]): Promise<string> {
  const p = ports(pages);
  try {
    await pullFeed(source, "k", publicKey, p, { pageSize: 10, maxPages: 5 });
  } catch (error) {
    assert.ok(error instanceof PullError);
    assert.equal(p.applied.length, 0, "nothing applied from a refused page");
    return error.code;
  }
  throw new Error("the pull was not refused");
}

test("refused pages: unsigned, answering another cursor, not JSON, the wrong shape, an HTTP error", async () => {
  const good = JSON.stringify(page({}));
  assert.equal(await refusal([{ status: 200, body: Buffer.from(good), signature: null }]), "TamperedPage");
  assert.equal(await refusal([{ ...signed(good), signature: "ed25519=AAAA" }]), "TamperedPage");
  assert.equal(await refusal([signed(JSON.stringify(page({ cursor: "7" })))]), "UnexpectedPage");
  assert.equal(await refusal([signed("{not json")]), "MalformedPage");
  assert.equal(await refusal([signed(JSON.stringify({ ...page({}), format: "other/1" }))]), "MalformedPage");
  assert.equal(await refusal([signed(good, 500)]), "FeedUnavailable");
});

test("pages are followed to the end; one page's opinions on a hash net out to the last", async () => {
  const entry = (cursor: string, op: "confirm" | "withdraw", n: number) => ({
    cursor,
    op,
    bank: "cse",
    signal_type: "pdq" as const,
    value: pdq(n),
    payload: null,
    classification: {},
    changed_at: "2026-12-07T00:00:00.000Z",
  });
  const first = page({
    next_cursor: "2",
    has_more: true,
    entries: [entry("1", "confirm", 1), entry("2", "withdraw", 1)],
  });
  const second = page({ cursor: "2", next_cursor: "3", entries: [entry("3", "confirm", 2)] });
  const p = ports([signed(JSON.stringify(first)), signed(JSON.stringify(second))]);
  const result = await pullFeed(source, "k", publicKey, p, { pageSize: 2, maxPages: 10 });
  assert.deepEqual(result, { pages: 2, confirmed: 1, withdrawn: 1, cursor: "3" });
  assert.deepEqual(
    p.applied.map(([c, w, cursor]) => [c.map((e) => e.value), w.map((e) => e.value), cursor]),
    [
      [[], [pdq(1)], "2"],
      [[pdq(2)], [], "3"],
    ],
  );
});

test("an unreachable partner is FeedUnavailable, not a crash", async () => {
  await assert.rejects(
    fetchFeedPage("http://127.0.0.1:9/v1/exchange/feed", "k"),
    (error: unknown) => error instanceof PullError && error.code === "FeedUnavailable",
  );
});
