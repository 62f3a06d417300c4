/**
 * `npm run loadtest [-- --events N --max-minutes M --max-lag L --record]`
 * (issue 9): N hash-only events (default 1,000,000) through one API process
 * and JetStream workers on a fresh PostgreSQL database and a nats-server of
 * its own (loopback, temp store). Phase 1: 20% of the events with one worker;
 * phase 2: 20% with two; phase 3: the rest with two, one worker SIGKILLed and
 * restarted at 30% of it and the NATS server restarted at 60%. At the end,
 * every acknowledged event must have exactly one decision and every expected
 * webhook (1 event in 100 matches a confirmed bank entry) must have arrived
 * exactly once at the receiver. Bounded by --max-minutes; exits 1 on failure.
 */
import { execFileSync } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { SingleBar } from "cli-progress";
import pg from "pg";
import { natsServerAbsent, startNats } from "../test/support/nats-server.js";
import { randomPdqHex } from "../test/support/pdq-near.js";
import { type ServeProcess, serve, vigil } from "../test/support/vigil-process.js";
import { startWebhookSink } from "../test/support/webhook-sink.js";
import { MATCH_EVERY, type PostStats, postRange, sleep } from "./loadtest-client.js";
import { markdownTable, writeSection } from "./performance-doc.js";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    "max-minutes": { type: "string", default: "90" },
    "max-lag": { type: "string", default: "20000" },
    "database-url": { type: "string" },
    record: { type: "boolean", default: false },
  },
});
const TOTAL = Number(args.events);
const DEADLINE = Date.now() + Number(args["max-minutes"]) * 60_000;
const ADMIN_URL =
  args["database-url"] ??
  process.env.VIGIL_BENCH_DATABASE_URL ??
  process.env.VIGIL_TEST_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/postgres";
const uptime = () => execFileSync("uptime").toString().trim();

async function main(): Promise<number> {
  if (!Number.isInteger(TOTAL) || TOTAL < 1000) throw new Error("--events must be a whole number >= 1000");
  const absent = natsServerAbsent();
  if (absent) throw new Error(absent);
  const loadBefore = uptime();
  const nats = await startNats(1);
  const dbName = `vigil_loadtest_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${dbName}`;
  const db = new pg.Client({ connectionString: dbUrl.toString() });
  const sink = await startWebhookSink("loadtest-secret");
  const processes: ServeProcess[] = [];
  const cleanup: (() => Promise<void>)[] = [];
  const bar = new SingleBar({
    format: "loadtest [{bar}] {value}/{total} decided | {phase} | {eta_formatted} left",
  });
  try {
    const dataDir = join(process.env.TMPDIR ?? "/tmp", `vigil-loadtest-${process.pid}`);
    await mkdir(dataDir, { recursive: true });
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const store = ["--data", dataDir, "--database-url", dbUrl.toString()];
    const env = {
      DATABASE_URL: "",
      VIGIL_NATS_STREAM: "VIGIL_LOADTEST",
      VIGIL_WEBHOOK_URL: sink.url,
      VIGIL_WEBHOOK_SECRET: "loadtest-secret",
      VIGIL_WEBHOOK_BACKOFF_MS: "50",
    };
    const key = (
      await vigil(
        ["keys", "create", ...store, "--name", "loadtest", "--scopes", "events:write,cases:read"],
        env,
      )
    ).trim();
    const banked = randomPdqHex(4242);
    await writeFile(join(dataDir, "known.txt"), `${banked}\n`);
    await vigil(
      ["bank", "import", "known", join(dataDir, "known.txt"), "--provenance", "confirmed", ...store],
      env,
    );
    await db.connect();
    const start = (role: "api" | "worker") =>
      serve(
        [...store, "--nats-url", nats.url, "--role", role, "--max-lag", String(args["max-lag"])],
        env,
        // Generous: a worker restarted on a loaded machine takes a while to start.
        180_000,
      ).then((p) => {
        processes.push(p);
        return p;
      });
    const api = await start("api");
    let worker1 = await start("worker");
    const stats: PostStats = { acknowledged: new Set(), refusals: 0, resends: 0 };
    const decided = async () =>
      (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM events WHERE status = 'decided'"))
        .rows[0].n;
    let phase = "1 worker";
    let lastDecided = 0;
    bar.start(TOTAL, 0, { phase });
    const waitDecided = async (n: number, onProgress: (d: number) => Promise<void> = async () => {}) => {
      for (;;) {
        const d = await decided();
        lastDecided = d;
        bar.update(d, { phase });
        await onProgress(d);
        if (d >= n) return;
        if (Date.now() > DEADLINE) throw new Error(`--max-minutes reached with ${d} of ${n} decided`);
        await sleep(1000);
      }
    };
    /** Posts [from, to) and waits for it decided; `during` is called with the decided count until then. */
    const timed = async (from: number, to: number, during?: (decided: number) => Promise<void>) => {
      const t0 = Date.now();
      let waiting = true;
      const watch = async () => {
        while (waiting && during) {
          await during(lastDecided);
          await sleep(200);
        }
      };
      const wait = waitDecided(to).finally(() => {
        waiting = false;
      });
      await Promise.all([postRange(() => api.url, key, banked, from, to, stats), watch(), wait]);
      return ((to - from) / (Date.now() - t0)) * 1000;
    };
    const n1 = Math.round(TOTAL * 0.2);
    const n2 = Math.round(TOTAL * 0.4);
    const oneWorker = await timed(0, n1);
    await start("worker");
    phase = "2 workers";
    const twoWorkers = await timed(n1, n2);
    phase = "2 workers, disruptions";
    const disruptions: string[] = [];
    const killAt = n2 + (TOTAL - n2) * 0.3;
    const restartNatsAt = n2 + (TOTAL - n2) * 0.6;
    const disrupted = await timed(n2, TOTAL, async (d) => {
      const at = () =>
        `${d.toLocaleString("en")} decided, ${stats.acknowledged.size.toLocaleString("en")} acknowledged`;
      if (d >= killAt && disruptions.length === 0) {
        await worker1.stop("SIGKILL");
        disruptions.push(`worker SIGKILLed at ${at()}, restarted`);
        worker1 = await start("worker");
      } else if (d >= restartNatsAt && disruptions.length === 1) {
        await nats.nodes[0].stop();
        disruptions.push(`NATS server stopped at ${at()}, started again 2 s later`);
        await sleep(2000);
        await nats.nodes[0].start();
      }
    });
    bar.stop();

    // Every acknowledged event decided exactly once; every expected webhook exactly once.
    const expectedWebhooks = [...stats.acknowledged].filter(
      (id) => Number(id.slice(3)) % MATCH_EVERY === 0,
    ).length;
    await sink.waitFor(expectedWebhooks, Math.max(10_000, DEADLINE - Date.now())).catch(() => {});
    await sleep(3000);
    const [counts] = (
      await db.query<{ n: number; d: number; undecided: number }>(
        `SELECT (SELECT count(*)::int FROM moderation_events WHERE kind = 'decide') AS n,
                (SELECT count(DISTINCT event_seq)::int FROM moderation_events WHERE kind = 'decide') AS d,
                (SELECT count(*)::int FROM events WHERE status <> 'decided') AS undecided`,
      )
    ).rows;
    const latency = (
      await db.query<{ phase: number; p50: number; p99: number }>(
        `SELECT CASE WHEN split_part(client_id, '-', 2)::int < $1 THEN 1 WHEN split_part(client_id, '-', 2)::int < $2 THEN 2 ELSE 3 END AS phase,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - received_at)) AS p50,
                percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM decided_at - received_at)) AS p99
         FROM events GROUP BY 1 ORDER BY 1`,
        [n1, n2],
      )
    ).rows;
    // Counted as a platform following the webhook contract counts them: one action per
    // Idempotency-Key. Copies re-sent after the SIGKILL (a 200 the killed worker never recorded)
    // are reported, and must repeat the original byte for byte.
    const keys = new Set(sink.applied.map((h) => h.body.idempotency_key));
    const copiesMatch = sink.resent.every(
      (copy) => sink.applied.find((h) => h.idempotencyKey === copy.idempotencyKey)?.raw === copy.raw,
    );
    const checks = {
      "every acknowledged event decided exactly once":
        counts.n === stats.acknowledged.size && counts.d === counts.n && counts.undecided === 0,
      "every expected webhook exactly once":
        sink.applied.length === expectedWebhooks && keys.size === expectedWebhooks && copiesMatch,
    };
    const fmt = (x: number) => Math.round(x).toLocaleString("en");
    const secs = (x: number) => `${Number(x).toFixed(2)} s`;
    const rows = [
      {
        label: "events acknowledged (202) / decided / decide rows / undecided",
        value: `${fmt(stats.acknowledged.size)} / ${fmt(counts.d)} / ${fmt(counts.n)} / ${counts.undecided}`,
      },
      {
        label: "webhooks expected / applied (distinct Idempotency-Key) / re-sent copies absorbed",
        value: `${expectedWebhooks} / ${keys.size} / ${sink.resent.length}`,
      },
      {
        label: `phase 1, 1 worker: events/s, HTTP intake to decision (${fmt(n1)} events)`,
        value: fmt(oneWorker),
      },
      { label: `phase 2, 2 workers: events/s (${fmt(n2 - n1)} events)`, value: fmt(twoWorkers) },
      { label: "2 workers / 1 worker throughput", value: `${(twoWorkers / oneWorker).toFixed(2)}x` },
      {
        label: `phase 3, 2 workers with a worker SIGKILL and a NATS restart: events/s (${fmt(TOTAL - n2)} events)`,
        value: fmt(disrupted),
      },
      ...latency.map((l) => ({
        label: `phase ${l.phase}: intake to decision p50 / p99`,
        value: `${secs(l.p50)} / ${secs(l.p99)}`,
      })),
      {
        label: `429 answers (backpressure, --max-lag ${args["max-lag"]}) / resent batches`,
        value: `${stats.refusals} / ${stats.resends}`,
      },
      { label: "disruptions", value: disruptions.join("; ") },
      ...Object.entries(checks).map(([label, ok]) => ({ label, value: ok ? "yes" : "**NO**" })),
    ];
    const table = markdownTable(rows);
    for (const p of processes) {
      const errors = p
        .output()
        .split("\n")
        .filter((l) => /"level":(50|40)/.test(l));
      if (errors.length > 0)
        process.stderr.write(`${errors.length} warnings/errors, last: ${errors.slice(-3).join("\n")}\n`);
    }
    process.stdout.write(`\n${table}\nload before: ${loadBefore}\nload after:  ${uptime()}\n`);
    if (args.record) {
      writeSection(
        "loadtest",
        `## Scale-out load test (issue 9)\n\nMeasured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC with \`npm run loadtest -- --events ${TOTAL} --max-lag ${args["max-lag"]} --record\` (1 API process, JetStream workers, PostgreSQL and nats-server on this machine, all loopback).\nLoad before: \`${loadBefore}\`; after: \`${uptime()}\`.\n\n${table}`,
      );
    }
    return Object.values(checks).every(Boolean) ? 0 : 1;
  } finally {
    bar.stop();
    for (const p of processes) await p.stop().catch(() => {});
    await sink.close();
    await db.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end();
    await nats.dispose();
    for (const c of cleanup) await c();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`loadtest failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
