/**
 * `npm run bench -- bulk`: issue 10's bulk ban. A batch of N account bans (default 130,000) is
 * made through the API by a child-safety reviewer, refused until two others confirm it, executed
 * through the outbox to a local receiver that counts every webhook by idempotency key, then
 * reversed. The service runs in this process on a fresh PostgreSQL database
 * (VIGIL_BENCH_DATABASE_URL, default the local server), the receiver beside it.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import pino from "pino";
import { startServer } from "../src/app/start.js";
import { type BulkApiError, BulkClient, type BulkTargetInput } from "../src/cli/bulk-client.js";
import { followBatch } from "../src/cli/bulk-progress.js";
import { serverConfig } from "../src/cli/commands/serve.js";
import { startReceiverProcess } from "./bulk-receiver.js";

export interface BulkBenchOptions {
  accounts: number;
  databaseUrl: string;
  log: (line: string) => void;
}

const SECRET = "bench-bulk-secret";
const PASSWORD = "bench password 123";

async function freshDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `vigil_bench_bulk_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function refusedWith(run: Promise<unknown>): Promise<string> {
  try {
    await run;
    return "accepted";
  } catch (error) {
    return (error as BulkApiError).code ?? String(error);
  }
}

export async function runBulkBench(options: BulkBenchOptions): Promise<{ label: string; value: string }[]> {
  const { accounts, log } = options;
  const database = await freshDatabase(options.databaseUrl);
  const dataDir = await mkdtemp(join(tmpdir(), "vigil-bench-bulk-"));
  const receiver = await startReceiverProcess(SECRET);
  const server = await startServer(
    {
      ...serverConfig({ data: dataDir, host: "127.0.0.1", port: "0", demo: false, batchSize: "500" }),
      databaseUrl: database.url,
      webhookUrl: receiver.url,
      webhookSecret: SECRET,
    },
    { log: pino({ level: "warn" }) },
  );
  const rows: { label: string; value: string }[] = [];
  try {
    const users = server.ctx.repos.users;
    await users.create("cs@bench.example", "child_safety_reviewer", "Requester", PASSWORD);
    await users.create("lead@bench.example", "lead", "Lead", PASSWORD);
    await users.create("admin@bench.example", "admin", "Admin", PASSWORD);
    const requester = await BulkClient.signIn(server.url, "cs@bench.example", PASSWORD);
    const lead = await BulkClient.signIn(server.url, "lead@bench.example", PASSWORD);
    const admin = await BulkClient.signIn(server.url, "admin@bench.example", PASSWORD);

    const targets: BulkTargetInput[] = Array.from({ length: accounts }, (_, i) => ({
      subject_kind: "account",
      platform_id: `ring-acct-${i}`,
      action: "ban_account",
      evidence: i % 10 === 0 ? ["admin_of_confirmed_group"] : ["member_of_flagged_groups"],
    }));
    let t0 = Date.now();
    const batch = await requester.create({ platform: "whatsapp", reason: "bench ring", targets });
    const createSeconds = (Date.now() - t0) / 1000;
    log(
      `batch ${batch.id}: ${batch.target_count} targets stored in ${createSeconds.toFixed(1)} s; needs ${batch.confirmation.required} confirmations`,
    );
    const refusals = [
      await refusedWith(requester.execute(batch.id)),
      await refusedWith(requester.confirm(batch.id)),
    ];
    const once = await lead.confirm(batch.id);
    if (once.status === "awaiting_confirmation") {
      refusals.push(await refusedWith(requester.execute(batch.id)));
      await admin.confirm(batch.id);
    }
    log(`refused before confirmation: ${refusals.join(", ")}`);

    t0 = Date.now();
    await requester.execute(batch.id);
    const executed = await followBatch(requester, batch.id, "execution", { show: true, pollMs: 1_000 });
    const executeSeconds = (Date.now() - t0) / 1000;
    const afterBans = await receiver.stats();
    const bans = afterBans.byAction.ban_account ?? 0;
    log(
      `${executed.status}: ${bans} bans received in ${executeSeconds.toFixed(1)} s, ${afterBans.duplicates} duplicates`,
    );

    t0 = Date.now();
    await lead.reverse(batch.id, "bench: reversal");
    const reversed = await followBatch(lead, batch.id, "reversal", { show: true, pollMs: 1_000 });
    const reverseSeconds = (Date.now() - t0) / 1000;
    const final = await receiver.stats();
    const unbans = final.byAction.unban_account ?? 0;
    log(
      `${reversed.status}: ${unbans} unbans received in ${reverseSeconds.toFixed(1)} s, ${final.duplicates} duplicates`,
    );

    const everyBanOnce = bans === accounts && afterBans.duplicates === 0;
    const everyUnbanOnce = unbans === accounts && final.duplicates === 0;
    rows.push(
      { label: "accounts in the batch", value: accounts.toLocaleString("en") },
      { label: "targets stored through the API (pages of 10,000)", value: `${createSeconds.toFixed(1)} s` },
      { label: "refusals before two others confirmed", value: refusals.join(", ") },
      {
        label: "execute → every ban acknowledged by the receiver",
        value: `${executeSeconds.toFixed(1)} s (${Math.round(accounts / executeSeconds)}/s), status ${executed.status}`,
      },
      {
        label: "bans received, each account once",
        value: `${bans.toLocaleString("en")} ${everyBanOnce ? "yes" : "NO"}`,
      },
      {
        label: "reverse → every unban acknowledged",
        value: `${reverseSeconds.toFixed(1)} s (${Math.round(accounts / reverseSeconds)}/s), status ${reversed.status}`,
      },
      {
        label: "unbans received, each account once",
        value: `${unbans.toLocaleString("en")} ${everyUnbanOnce ? "yes" : "NO"}`,
      },
      {
        label: "webhook requests / duplicates / bad signatures",
        value: `${final.requests} / ${final.duplicates} / ${final.badSignatures}`,
      },
    );
    if (!everyBanOnce || !everyUnbanOnce) process.exitCode = 1;
    return rows;
  } finally {
    await server.close();
    await receiver.close();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
