/**
 * The dispatcher's options for large backlogs (bulk batches): leasing more rows per claim than
 * there are free slots, letting go of queued rows whose lease would run out mid-request, and
 * recording acknowledgements in one statement. Each row is still sent exactly once.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { OutboxDispatcher } from "../../src/enforce/outbox-dispatcher.js";
import type { DeliveredAck } from "../../src/enforce/outbox-store.js";
import type { WebhookRequest, WebhookTransport } from "../../src/enforce/webhook-transport.js";
import { MemoryOutboxStore } from "../support/memory-outbox-store.js";

const silent = { info() {}, warn() {}, error() {} };

class BatchingStore extends MemoryOutboxStore {
  flushes: number[] = [];
  async markDeliveredMany(acks: readonly DeliveredAck[]): Promise<void> {
    this.flushes.push(acks.length);
    for (const a of acks) await this.markDelivered(a.id, a.at, a.attempts, a.status);
  }
}

function countingTransport(delayMs: number): { transport: WebhookTransport; sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    transport: {
      async send(req: WebhookRequest) {
        sent.push(req.headers["idempotency-key"]);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return { kind: "response", status: 200, retryAfterMs: null, bodySnippet: "" };
      },
      close: async () => undefined,
    },
  };
}

function fill(store: MemoryOutboxStore, n: number): void {
  for (let i = 0; i < n; i++) {
    store.add({
      publicId: `act-${i}`,
      action: "ban_account",
      subject: { type: "account", id: `a-${i}` },
      caseId: null,
      reason: "bulk",
      idempotencyKey: `bulk:1:ban_account:account:a-${i}`,
    });
  }
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test("1,000 rows: few claims, few acknowledgement statements, each row sent once", async () => {
  const store = new BatchingStore();
  fill(store, 1_000);
  const { transport, sent } = countingTransport(1);
  const d = new OutboxDispatcher({
    store,
    logger: silent,
    webhookUrl: "http://platform.example/hook",
    webhookSecret: "s",
    transport,
    concurrency: 8,
    claimBatchSize: 200,
    ackBatchMs: 20,
    pollIntervalMs: 60_000,
  });
  d.start();
  await until(() => store.undelivered().length === 0);
  await d.stop();
  assert.equal(sent.length, 1_000);
  assert.equal(new Set(sent).size, 1_000, "no row sent twice");
  assert.ok(store.claims <= 10, `claims: ${store.claims}`);
  assert.ok(store.flushes.length < 200, `acknowledgement statements: ${store.flushes.length}`);
  assert.equal(
    store.flushes.reduce((a, b) => a + b, 0),
    1_000,
  );
});

test("a queued row whose lease would run out before its request ends is let go, then claimed again", async () => {
  const store = new BatchingStore();
  fill(store, 6);
  const { transport, sent } = countingTransport(150);
  const d = new OutboxDispatcher({
    store,
    logger: silent,
    webhookUrl: "http://platform.example/hook",
    webhookSecret: "s",
    transport,
    concurrency: 1,
    claimBatchSize: 6,
    ackBatchMs: 5,
    requestTimeoutMs: 100,
    leaseMs: 250,
    // Each request takes 150 ms of a 250 ms lease: the rows queued behind it cannot start in time.
    pollIntervalMs: 20,
  });
  d.start();
  await until(() => store.undelivered().length === 0);
  await d.stop();
  assert.equal(new Set(sent).size, 6);
  assert.equal(sent.length, 6, "each row sent once: stale queued rows were dropped, not sent");
  assert.ok(store.claims > 1, "let-go rows were claimed again");
});
