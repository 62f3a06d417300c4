/**
 * Scale-out smoke test on the machine's PostgreSQL and NATS JetStream: one API
 * process and two workers; one worker is SIGKILLed mid-stream and restarted.
 * Every event that got a 202 is decided exactly once and every expected
 * webhook arrives exactly once. Skips, saying so, without both servers.
 */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { connect } from "nats";
import { openDatabase } from "../../src/store/database.js";
import { POSTGRES_URL, postgresTestDatabase } from "../support/databases.js";
import { deleteDeploymentStreams } from "../support/nats-streams.js";
import { flipBits, randomPdqHex } from "../support/pdq-near.js";
import { api, serve, vigil } from "../support/vigil-process.js";
import { startWebhookSink } from "../support/webhook-sink.js";

const NATS_URL = process.env.VIGIL_TEST_NATS_URL;
const skip = !POSTGRES_URL
  ? "VIGIL_TEST_DATABASE_URL is not set; JetStream scale-out test skipped (.ci/run sets it)"
  : !NATS_URL
    ? "VIGIL_TEST_NATS_URL is not set; JetStream scale-out test skipped (.ci/run sets it)"
    : false;

const TOTAL = 5000;

test("1 API + 2 JetStream workers on PostgreSQL, a worker SIGKILLed and restarted: every 202 decided once, every webhook once", {
  skip,
  timeout: 240_000,
}, async () => {
  const target = await postgresTestDatabase();
  const store = ["--data", target.options.dataDir, "--database-url", target.options.databaseUrl as string];
  const sink = await startWebhookSink("js-secret");
  const env = {
    DATABASE_URL: "",
    VIGIL_NATS_STREAM: `VIGIL_TEST_${process.pid}_${Date.now()}`,
    VIGIL_WEBHOOK_URL: sink.url,
    VIGIL_WEBHOOK_SECRET: "js-secret",
    VIGIL_WEBHOOK_BACKOFF_MS: "50",
    VIGIL_NATS_ACK_WAIT_MS: "3000",
  };
  const processes: Awaited<ReturnType<typeof serve>>[] = [];
  try {
    const key = (
      await vigil(
        ["keys", "create", ...store, "--name", "platform", "--scopes", "events:write,cases:read"],
        env,
      )
    ).trim();
    const banked = randomPdqHex(77);
    const bankFile = join(target.options.dataDir, "known.txt");
    await writeFile(bankFile, `${banked}\n`);
    await vigil(["bank", "import", "known", bankFile, "--provenance", "confirmed", ...store], env);
    const nats = ["--nats-url", NATS_URL as string];
    const apiServer = await serve([...store, ...nats, "--role", "api"], env);
    let worker1 = await serve([...store, ...nats, "--role", "worker"], env);
    const worker2 = await serve([...store, ...nats, "--role", "worker"], env);
    processes.push(apiServer, worker2);

    const events = Array.from({ length: TOTAL }, (_, i) => ({
      id: `j-${i}`,
      type: "group.updated",
      occurred_at: "2026-11-22T10:00:00Z",
      platform: "whatsapp",
      group: {
        id: `g-${i}`,
        photo: { pdq: i % 100 === 0 ? flipBits(banked, 6) : randomPdqHex(i + 5000), quality: 90 },
      },
    }));
    for (let b = 0; b * 250 < TOTAL; b++) {
      const res = await api(apiServer.url, key, "POST", "/v1/events", {
        events: events.slice(b * 250, (b + 1) * 250),
      });
      assert.equal(res.status, 202);
      if (b === 6) {
        await worker1.stop("SIGKILL");
        worker1 = await serve([...store, ...nats, "--role", "worker"], env);
      }
    }
    processes.push(worker1);
    const matching = events.filter((_, i) => i % 100 === 0).length;
    const until = Date.now() + 180_000;
    for (;;) {
      const { json } = await api(apiServer.url, key, "GET", "/v1/stats");
      if (((json.events as Record<string, number>).decided ?? 0) >= TOTAL && sink.applied.length >= matching)
        break;
      if (Date.now() > until)
        throw new Error(`not done: ${JSON.stringify(json)}, webhooks ${sink.applied.length}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 1000));
    // Counted as the platform counts them: one action per Idempotency-Key. The SIGKILL can land
    // between the receiver's 200 and the worker recording it; that row is re-sent after its
    // lease with the same key and body, and the receiver absorbs the copy.
    assert.equal(sink.applied.length, matching, "every expected webhook exactly once");
    assert.deepEqual(
      new Set(sink.applied.map((h) => (h.body.subject as { id?: string } | undefined)?.id)).size,
      matching,
      "one webhook per matching group",
    );
    for (const copy of sink.resent) {
      const first = sink.applied.find((h) => h.idempotencyKey === copy.idempotencyKey);
      assert.deepEqual(copy.body, first?.body, "a re-sent webhook is the same action, byte for byte");
    }
    if (sink.resent.length > 0)
      console.log(
        `# ${sink.resent.length} webhook(s) re-sent after the SIGKILL, absorbed by Idempotency-Key`,
      );
    for (const p of processes) await p.stop();
    processes.length = 0;
    const database = await openDatabase(target.options);
    try {
      const rows = (
        (await database.db.execute(
          "SELECT count(*)::int AS n, count(DISTINCT event_seq)::int AS d FROM moderation_events WHERE kind = 'decide'" as never,
        )) as unknown as { rows: { n: number; d: number }[] }
      ).rows;
      assert.deepEqual(rows[0], { n: TOTAL, d: TOTAL }, "one decision per event");
    } finally {
      await database.close();
    }
  } finally {
    for (const p of processes) await p.stop();
    await sink.close();
    await target.dispose();
    // The test's stream is its own; leave the shared NATS server as it was.
    const nc = await connect({ servers: NATS_URL });
    await deleteDeploymentStreams(nc, env.VIGIL_NATS_STREAM);
    await nc.close();
  }
});
