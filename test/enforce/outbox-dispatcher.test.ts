/** The outbox dispatcher against a real HTTP receiver on 127.0.0.1 and an in-memory outbox. */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { after, test } from "node:test";
import { pino } from "pino";
import type { EnforceLogger } from "../../src/enforce/logger.js";
import {
  type FailingDelivery,
  OutboxDispatcher,
  type OutboxDispatcherOptions,
} from "../../src/enforce/outbox-dispatcher.js";
import type {
  WebhookRequest,
  WebhookResponse,
  WebhookTransport,
} from "../../src/enforce/webhook-transport.js";
import { MemoryOutboxStore, type NewOutboxDelivery } from "../support/memory-outbox-store.js";
import { startWebhookReceiver } from "../support/webhook-receiver.js";

const SECRET = "whsec_dispatcher_test_secret";

const unhandled: unknown[] = [];
process.on("unhandledRejection", (reason) => unhandled.push(reason));
after(() => assert.deepEqual(unhandled, [], "no unhandled rejections"));

function action(n: number): NewOutboxDelivery {
  return {
    publicId: `act-${n}`,
    action: "disable_group",
    subject: { type: "group", id: `g-${n}` },
    caseId: n % 2 === 0 ? `case-${n}` : null,
    reason: "pdq match within 20 of a confirmed bank entry",
    idempotencyKey: `idem-${n}`,
  };
}

interface LogLine {
  level: "info" | "warn" | "error";
  fields: Record<string, unknown>;
  message: string;
}

function recordingLogger(): EnforceLogger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  return {
    lines,
    info: (fields, message) => lines.push({ level: "info", fields, message }),
    warn: (fields, message) => lines.push({ level: "warn", fields, message }),
    error: (fields, message) => lines.push({ level: "error", fields, message }),
  };
}

function dispatcher(
  store: MemoryOutboxStore,
  url: string | null,
  extra: Partial<OutboxDispatcherOptions> = {},
) {
  return new OutboxDispatcher({
    store,
    logger: recordingLogger(),
    webhookUrl: url,
    webhookSecret: SECRET,
    pollIntervalMs: 20,
    requestTimeoutMs: 1_000,
    leaseMs: 5_000,
    backoff: { baseMs: 10, capMs: 40 },
    ...extra,
  });
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test("a delivery arrives with the contract's body, signed, with its idempotency key", async () => {
  const receiver = await startWebhookReceiver({ secret: SECRET });
  const store = new MemoryOutboxStore();
  const row = store.add(action(2));
  const d = dispatcher(store, receiver.url);
  try {
    d.start();
    const [got] = await receiver.waitFor(1);
    assert.ok(got.verification.ok, "Vigil-Signature verifies with the shared secret");
    assert.match(String(got.headers["vigil-signature"]), /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.equal(got.headers["idempotency-key"], "idem-2");
    assert.equal(got.headers["content-type"], "application/json");
    assert.equal(got.method, "POST");
    assert.equal(got.path, "/vigil-webhook");
    assert.equal(
      got.body,
      '{"id":"act-2","action":"disable_group","subject":{"type":"group","id":"g-2"},"case_id":"case-2",' +
        '"reason":"pdq match within 20 of a confirmed bank entry","idempotency_key":"idem-2"}',
    );
    await until(() => store.row(row.id).deliveredAt !== null);
    assert.equal(store.row(row.id).delivery.attempts, 1);
    assert.equal(store.row(row.id).lastStatus, 200);
  } finally {
    await d.stop();
    await receiver.close();
  }
  assert.deepEqual(d.stats(), { delivered: 1, failedAttempts: 0, inFlight: 0, pending: 0, failing: 0 });
});

test("a receiver failing the first 3 times gets the delivery once it answers 200, exactly once", async () => {
  const receiver = await startWebhookReceiver({ secret: SECRET, failFirst: 3 });
  const store = new MemoryOutboxStore();
  const row = store.add(action(1));
  const d = dispatcher(store, receiver.url);
  try {
    d.start();
    await receiver.waitFor(1);
    await until(() => store.row(row.id).deliveredAt !== null);
    await new Promise((resolve) => setTimeout(resolve, 150)); // several polls: nothing more is sent
  } finally {
    await d.stop();
    await receiver.close();
  }
  assert.deepEqual(
    receiver.requests.map((r) => r.status),
    [500, 500, 500, 200],
  );
  assert.equal(receiver.acknowledged().length, 1);
  assert.equal(new Set(receiver.requests.map((r) => r.body)).size, 1, "every retry sends the same body");
  assert.ok(receiver.requests.every((r) => r.headers["idempotency-key"] === "idem-1" && r.verification.ok));
  const stored = store.row(row.id);
  assert.equal(stored.delivery.attempts, 4);
  assert.deepEqual(
    stored.history.map((h) => [h.attempts, h.status, h.error]),
    [
      [1, 500, "HTTP 500: refused 0"],
      [2, 500, "HTTP 500: refused 1"],
      [3, 500, "HTTP 500: refused 2"],
      [4, 200, null],
    ],
  );
  assert.deepEqual(d.stats(), { delivered: 1, failedAttempts: 3, inFlight: 0, pending: 0, failing: 0 });
});

test("a hanging receiver times out and the delivery is retried", async () => {
  const receiver = await startWebhookReceiver({ secret: SECRET, hangFirst: 1 });
  const store = new MemoryOutboxStore();
  const row = store.add(action(3));
  const d = dispatcher(store, receiver.url, { requestTimeoutMs: 200, leaseMs: 2_000 });
  try {
    d.start();
    await receiver.waitFor(1);
    await until(() => store.row(row.id).deliveredAt !== null);
  } finally {
    await d.stop();
    await receiver.close();
  }
  assert.deepEqual(
    receiver.requests.map((r) => r.status),
    [null, 200],
  );
  const [first] = store.row(row.id).history;
  assert.deepEqual([first.attempts, first.status, first.error], [1, null, "timed out after 200 ms"]);
  assert.equal(store.row(row.id).delivery.attempts, 2);
});

test("an unreachable receiver is retried, reported failing past the threshold, and stop() is clean", async () => {
  const port = await closedPort();
  const store = new MemoryOutboxStore();
  const row = store.add(action(4));
  const failing: FailingDelivery[] = [];
  const logger = recordingLogger();
  const d = dispatcher(store, `http://127.0.0.1:${port}/hook`, {
    logger,
    failingAfterAttempts: 3,
    onFailing: (f) => failing.push(f),
  });
  d.start();
  await until(() => store.row(row.id).history.length >= 5);
  await d.stop();
  const attemptsAtStop = store.row(row.id).history.length;
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(store.row(row.id).history.length, attemptsAtStop, "nothing runs after stop()");
  assert.equal(store.row(row.id).deliveredAt, null);
  assert.ok(store.row(row.id).history.every((h) => h.status === null && /ECONNREFUSED/.test(h.error ?? "")));
  assert.equal(failing.length, 1, "reported once when crossing the threshold");
  assert.equal(failing[0].attempts, 3);
  assert.equal(failing[0].delivery.publicId, "act-4");
  const stats = d.stats();
  assert.equal(stats.failing, 1);
  assert.equal(stats.pending, 1);
  assert.equal(stats.failedAttempts, attemptsAtStop);
  const errors = logger.lines.filter((l) => l.level === "error");
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /failing/);
  assert.ok(
    logger.lines.some(
      (l) => l.level === "warn" && l.fields.status === null && /ECONNREFUSED/.test(String(l.fields.reason)),
    ),
  );
  await d.stop(); // twice is fine
});

test("logs carry status and reason, never the secret or the signature (with pino)", async () => {
  const receiver = await startWebhookReceiver({ secret: SECRET, failFirst: 1, failStatus: 503 });
  const output: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output.push(chunk.toString("utf8"));
      done();
    },
  });
  const logger = pino({ level: "info" }, sink);
  const store = new MemoryOutboxStore();
  store.add(action(5));
  const d = new OutboxDispatcher({
    store,
    logger,
    webhookUrl: `${receiver.url}?token=also-secret`,
    webhookSecret: SECRET,
    pollIntervalMs: 20,
    backoff: { baseMs: 10, capMs: 20 },
  });
  try {
    d.start();
    await receiver.waitFor(1);
  } finally {
    await d.stop();
    await receiver.close();
  }
  const text = output.join("");
  assert.ok(!text.includes(SECRET), "the secret is never logged");
  assert.ok(!text.includes("also-secret"), "URL query strings are not logged");
  assert.ok(!text.includes("v1="), "signatures are not logged");
  const failure = output
    .map((l) => JSON.parse(l))
    .find((l) => l.msg === "webhook delivery failed; will retry");
  assert.equal(failure.status, 503);
  assert.equal(failure.reason, "HTTP 503: refused 0");
  assert.equal(failure.actionId, "act-5");
});

test("no webhook URL: nothing is claimed, actions stay pending, and it is said once", async () => {
  const store = new MemoryOutboxStore();
  store.add(action(6));
  const logger = recordingLogger();
  const d = new OutboxDispatcher({ store, logger, webhookUrl: undefined, webhookSecret: undefined });
  assert.equal(d.enabled, false);
  d.start();
  d.wake();
  d.start();
  assert.equal(await d.processDue(), 0);
  await d.stop();
  assert.equal(store.claims, 0);
  assert.equal(store.undelivered().length, 1);
  assert.equal(logger.lines.length, 1);
  assert.match(logger.lines[0].message, /no webhook URL/);
});

/** A transport answering after `delayMs`, counting concurrent requests. */
function slowTransport(delayMs: number, status = 200) {
  const state = { active: 0, max: 0, sent: [] as WebhookRequest[] };
  const transport: WebhookTransport = {
    async send(req): Promise<WebhookResponse> {
      state.sent.push(req);
      state.active += 1;
      state.max = Math.max(state.max, state.active);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      state.active -= 1;
      return { kind: "response", status, retryAfterMs: status === 429 ? 30_000 : null, bodySnippet: "" };
    },
    close: async () => undefined,
  };
  return { transport, state };
}

test("concurrency is limited and a backlog drains without waiting for polls", async () => {
  const store = new MemoryOutboxStore();
  for (let n = 0; n < 20; n++) store.add(action(n));
  const { transport, state } = slowTransport(15);
  const d = dispatcher(store, "https://platform.example/hook", {
    transport,
    concurrency: 3,
    pollIntervalMs: 60_000,
  });
  d.start();
  await until(() => store.undelivered().length === 0, 3_000);
  await d.stop();
  assert.equal(state.max, 3);
  assert.equal(state.sent.length, 20);
  assert.equal(d.stats().delivered, 20);
});

test("wake() delivers a newly committed action at once instead of at the next poll", async () => {
  const store = new MemoryOutboxStore();
  const { transport, state } = slowTransport(1);
  const d = dispatcher(store, "https://platform.example/hook", { transport, pollIntervalMs: 60_000 });
  d.start();
  await until(() => store.claims === 1); // the start-up claim found nothing; next poll in a minute
  const row = store.add(action(7));
  d.wake();
  await until(() => store.row(row.id).deliveredAt !== null, 1_000);
  await d.stop();
  assert.equal(state.sent.length, 1);
});

test("processDue(): one deterministic pass with the injected clock, random source and backoff", async () => {
  const store = new MemoryOutboxStore();
  const now = new Date("2026-11-22T10:00:00Z");
  const first = store.add(action(8));
  const second = store.add(action(9));
  store.add(action(10), new Date(now.getTime() + 1)); // not yet due
  const { transport, state } = slowTransport(0, 502);
  const d = dispatcher(store, "https://platform.example/hook", {
    transport,
    now: () => now,
    random: () => 0.5,
    backoff: { baseMs: 1_000, capMs: 600_000 },
  });
  assert.equal(await d.processDue(), 2);
  assert.equal(store.row(first.id).nextAttemptAt.getTime(), now.getTime() + 500);
  assert.equal(store.row(second.id).lastError, "HTTP 502");
  assert.equal(await d.processDue(), 0, "rescheduled rows are not due at the same instant");
  // The signature is made at the injected time.
  assert.match(state.sent[0].headers["vigil-signature"], new RegExp(`^t=${now.getTime() / 1000},v1=`));
  assert.equal(state.sent[0].headers["idempotency-key"], "idem-8");
  await d.stop();
});

test("Retry-After from a 429 is honoured within the cap", async () => {
  const store = new MemoryOutboxStore();
  const now = new Date("2026-11-22T10:00:00Z");
  const row = store.add(action(11));
  const { transport } = slowTransport(0, 429);
  const d = dispatcher(store, "https://platform.example/hook", {
    transport,
    now: () => now,
    random: () => 0,
    backoff: { baseMs: 1_000, capMs: 20_000 },
  });
  await d.processDue();
  assert.equal(
    store.row(row.id).nextAttemptAt.getTime(),
    now.getTime() + 20_000,
    "30 s asked, capped at 20 s",
  );
  await d.stop();
});

test("a store that throws is logged and does not stop the dispatcher", async () => {
  const store = new MemoryOutboxStore();
  const row = store.add(action(12));
  let claimFailures = 2;
  let markFailures = 1;
  const claimDue = store.claimDue.bind(store);
  const markDelivered = store.markDelivered.bind(store);
  store.claimDue = async (...args) => {
    if (claimFailures-- > 0) throw new Error("connection terminated");
    return claimDue(...args);
  };
  store.markDelivered = async (...args) => {
    if (markFailures-- > 0) throw new Error("deadlock detected");
    return markDelivered(...args);
  };
  const logger = recordingLogger();
  const { transport, state } = slowTransport(0);
  const d = dispatcher(store, "https://platform.example/hook", {
    transport,
    logger,
    leaseMs: 1_100,
    requestTimeoutMs: 1_000,
  });
  d.start();
  await until(() => store.row(row.id).deliveredAt !== null, 5_000);
  await d.stop();
  assert.equal(
    state.sent.length,
    2,
    "re-sent after the lease ran out (the receiver dedupes by idempotency key)",
  );
  assert.deepEqual(
    logger.lines.filter((l) => l.level === "error").map((l) => l.message),
    [
      "claiming outbox rows failed; retrying at the next poll",
      "claiming outbox rows failed; retrying at the next poll",
      "recording a webhook attempt failed",
    ],
  );
});

test("configuration mistakes are refused up front", () => {
  const store = new MemoryOutboxStore();
  const base = { store, logger: recordingLogger() };
  assert.throws(
    () => new OutboxDispatcher({ ...base, webhookUrl: "https://p.example/h", webhookSecret: "" }),
    /secret/,
  );
  assert.throws(
    () => new OutboxDispatcher({ ...base, webhookUrl: "https://p.example/h", webhookSecret: null }),
    /secret/,
  );
  assert.throws(
    () => new OutboxDispatcher({ ...base, webhookUrl: "ftp://p.example/h", webhookSecret: "s" }),
    /http/,
  );
  assert.throws(
    () => new OutboxDispatcher({ ...base, webhookUrl: "not a url", webhookSecret: "s" }),
    /valid URL/,
  );
  assert.throws(
    () =>
      new OutboxDispatcher({
        ...base,
        webhookUrl: "https://p.example/h",
        webhookSecret: "s",
        requestTimeoutMs: 5_000,
        leaseMs: 5_000,
      }),
    /leaseMs/,
  );
  assert.throws(
    () =>
      new OutboxDispatcher({
        ...base,
        webhookUrl: "https://p.example/h",
        webhookSecret: "s",
        concurrency: 0,
      }),
    /concurrency/,
  );
});
