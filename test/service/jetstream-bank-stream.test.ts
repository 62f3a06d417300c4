/**
 * Index replicas fed by the bank change stream (issue 9, point 2), on the
 * machine's PostgreSQL and NATS: each "worker" is what `vigil serve
 * --nats-url` builds (server-bank-stream.ts + LiveBankMatcher) on its own
 * database pool and NATS connection. Changes must arrive by the stream (the
 * matchers' counters say how each change arrived; the log is never read for
 * them), a new worker starts from the snapshot, a corrupt snapshot falls back
 * to PostgreSQL, a change whose publish failed is published by the sweep,
 * and pruning keeps what the snapshot does not cover. Skips without both servers.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { connect } from "nats";
import { type BankStream, openBankStream } from "../../src/app/bank-stream.js";
import { hash256FromHex } from "../../src/hashing/pdq/hash256.js";
import { BankChangeRelay } from "../../src/pipeline/bank-change-relay.js";
import { BankChangeStream } from "../../src/pipeline/bank-change-stream.js";
import { BankIndexMaintenance } from "../../src/pipeline/bank-index-maintenance.js";
import { LiveBankMatcher } from "../../src/pipeline/live-bank-matcher.js";
import { LocalPartitionLeases } from "../../src/pipeline/partition-leases.js";
import { SingleLease } from "../../src/pipeline/single-lease.js";
import { type Database, openDatabase } from "../../src/store/database.js";
import { BankChangeRepository } from "../../src/store/repositories/bank-change-repository.js";
import { BankRepository } from "../../src/store/repositories/bank-repository.js";
import { POSTGRES_URL, postgresTestDatabase, type TestDatabase } from "../support/databases.js";
import { deleteDeploymentStreams } from "../support/nats-streams.js";
import { randomPdqHex } from "../support/pdq-near.js";

const NATS_URL = process.env.VIGIL_TEST_NATS_URL;
const skip = !POSTGRES_URL
  ? "VIGIL_TEST_DATABASE_URL is not set; bank change stream test skipped (.ci/run sets it)"
  : !NATS_URL
    ? "VIGIL_TEST_NATS_URL is not set; bank change stream test skipped (.ci/run sets it)"
    : false;

interface LogLine {
  level: "info" | "error";
  msg: string;
  obj: Record<string, unknown>;
}

interface Worker {
  database: Database;
  banks: BankRepository;
  changes: BankChangeRepository;
  bankStream: BankStream;
  matcher: LiveBankMatcher;
  maintenance: BankIndexMaintenance;
  logs: LogLine[];
  stop(): Promise<void>;
}

let streams = 0;

/** One deployment: a database and stream names of its own, torn down afterwards. */
async function deployment() {
  const target: TestDatabase = await postgresTestDatabase();
  const eventsStream = `VIGIL_TEST_BS_${process.pid}_${Date.now()}_${streams++}`;
  const workers: Worker[] = [];
  const logger = (logs: LogLine[]) => ({
    info: (obj: object, msg: string) =>
      logs.push({ level: "info", msg, obj: obj as Record<string, unknown> }),
    error: (obj: object, msg: string) =>
      logs.push({ level: "error", msg, obj: obj as Record<string, unknown> }),
  });
  /** A worker as vigil serve wires it; the sweep and snapshot run only when a test calls them. */
  async function worker(): Promise<Worker> {
    const logs: LogLine[] = [];
    const database = await openDatabase(target.options);
    const banks = new BankRepository(database.db);
    const changes = new BankChangeRepository(database.db);
    const log = logger(logs);
    const bankStream = await openBankStream(
      {
        natsUrl: NATS_URL as string,
        eventsStream,
        databaseUrl: target.options.databaseUrl,
        replicas: 1,
        sweepMs: 3_600_000,
        snapshotMs: 3_600_000,
      },
      changes,
      log,
    );
    const matcher = new LiveBankMatcher(banks, changes, log, Date.now, bankStream.matcherOptions);
    await matcher.refresh();
    const maintenance = await bankStream.start(matcher);
    matcher.start(1_000);
    const w: Worker = {
      database,
      banks,
      changes,
      bankStream,
      matcher,
      maintenance,
      logs,
      async stop() {
        matcher.stop();
        await bankStream.stop();
        await database.close();
      },
    };
    workers.push(w);
    return w;
  }
  return {
    target,
    eventsStream,
    worker,
    async dispose() {
      for (const w of workers) await w.stop();
      const nc = await connect({ servers: NATS_URL });
      await deleteDeploymentStreams(nc, eventsStream);
      await nc.close();
      await target.dispose();
    },
  };
}

async function until(what: string, done: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const matches = (w: Worker, hex: string) => w.matcher.get().matchPdq(hash256FromHex(hex)).length > 0;

test("an entry imported while two workers run reaches both by the stream, well inside a poll interval", {
  skip,
  timeout: 60_000,
}, async () => {
  const d = await deployment();
  try {
    const w1 = await d.worker();
    const w2 = await d.worker();
    // The writer is a third process (an API): it commits, then its relay publishes (the route's refresh()).
    const writer = await d.worker();
    const bank = await writer.banks.create("partner");
    const hex = randomPdqHex(101);
    await writer.banks.addEntries(bank.id, [{ signalType: "pdq", value: hex, provenance: "confirmed" }]);
    const started = Date.now();
    await writer.matcher.refresh();
    assert.ok(matches(writer, hex), "the writer's own index has it when refresh() returns");
    await until("both workers to match the new entry", () => matches(w1, hex) && matches(w2, hex), 900);
    const ms = Date.now() - started;
    for (const w of [w1, w2]) {
      assert.equal(w.matcher.stats.stream, 1, "applied from a stream message");
      assert.equal(w.matcher.stats.log, 0, "the log was not read for it");
      assert.equal(w.matcher.lastLoad?.source, "database", "nothing to load a snapshot from yet");
    }
    // Its own consumer may deliver the message before the publish is acknowledged; either way, no log read.
    assert.equal(
      writer.matcher.stats.local + writer.matcher.stats.stream,
      1,
      "the writer applied it without the log",
    );
    console.log(`# both workers matched the new entry ${ms} ms after the writer's commit`);
  } finally {
    await d.dispose();
  }
});

test("a worker started after 10,000 entries loads the snapshot, then follows the stream from its seq", {
  skip,
  timeout: 120_000,
}, async () => {
  const d = await deployment();
  try {
    const w1 = await d.worker();
    const bank = await w1.banks.create("bulk");
    const entries = Array.from({ length: 10_000 }, (_, i) => ({
      signalType: "pdq" as const,
      value: randomPdqHex(i + 1),
    }));
    await w1.banks.addEntries(bank.id, entries);
    let started = Date.now();
    await w1.matcher.refresh();
    console.log(`# 10,000 changes published and applied by the writer in ${Date.now() - started} ms`);
    assert.equal(w1.matcher.get().size, 10_000);
    const snapshot = await w1.maintenance.snapshotAndPrune();
    assert.equal(snapshot?.written, true);
    assert.equal(snapshot?.seq, await w1.changes.latestSeq());

    const beforeStart = randomPdqHex(20_001);
    await w1.banks.addEntries(bank.id, [{ signalType: "pdq", value: beforeStart }]);
    await w1.matcher.refresh();
    started = Date.now();
    const w2 = await d.worker();
    assert.equal(w2.matcher.lastLoad?.source, "snapshot");
    assert.equal(w2.matcher.lastLoad?.entries, 10_000);
    assert.equal(w2.matcher.lastLoad?.seq, snapshot?.seq);
    assert.ok(w2.logs.some((l) => l.msg === "hash index loaded" && l.obj.source === "snapshot"));
    console.log(`# worker loaded the 10,000-entry snapshot in ${w2.matcher.lastLoad?.ms} ms`);
    await until("the new worker to catch up past the snapshot", () => matches(w2, beforeStart));
    const afterStart = randomPdqHex(20_002);
    await w1.banks.addEntries(bank.id, [{ signalType: "pdq", value: afterStart }]);
    await w1.matcher.refresh();
    await until("the new worker to see an entry added after it started", () => matches(w2, afterStart), 900);
    assert.equal(w2.matcher.get().size, 10_002);
    assert.equal(w2.matcher.stats.stream, 2, "both later entries came by the stream");
    assert.equal(w2.matcher.stats.log, 0);
    assert.equal(w2.matcher.stats.reloads, 0, "never loaded from the database");
  } finally {
    await d.dispose();
  }
});

test("a corrupt snapshot is refused with a clear log and the index loads from PostgreSQL", {
  skip,
  timeout: 60_000,
}, async () => {
  const d = await deployment();
  try {
    const w1 = await d.worker();
    const bank = await w1.banks.create("partner");
    const hexes = [randomPdqHex(1), randomPdqHex(2), randomPdqHex(3)];
    await w1.banks.addEntries(
      bank.id,
      hexes.map((value) => ({ signalType: "pdq" as const, value })),
    );
    await w1.matcher.refresh();
    await w1.maintenance.snapshotAndPrune();
    // Flip one byte of the stored snapshot's body and store it back under the same name and metadata.
    const nc = await connect({ servers: NATS_URL });
    const os = await nc.jetstream().views.os(`${d.eventsStream}_BANK_INDEX`);
    const info = await os.info("bank-index");
    const bytes = await os.getBlob("bank-index");
    assert.ok(info && bytes);
    bytes[bytes.length - 64] ^= 0xff;
    await os.putBlob({ name: "bank-index", metadata: info.metadata }, bytes);
    await nc.close();

    const w2 = await d.worker();
    assert.equal(w2.matcher.lastLoad?.source, "database");
    assert.equal(w2.matcher.get().size, 3);
    const refusal = w2.logs.find((l) => l.level === "error" && /snapshot unusable/.test(l.msg));
    assert.ok(refusal, "the refusal is logged");
    assert.match(String((refusal.obj.err as Error).message), /checksum mismatch/);
    assert.ok(hexes.every((hex) => matches(w2, hex)));
  } finally {
    await d.dispose();
  }
});

test("a change committed while its publish fails is published by the relay sweep", {
  skip,
  timeout: 60_000,
}, async () => {
  const d = await deployment();
  try {
    const w1 = await d.worker();
    const bank = await w1.banks.create("partner");
    // The writer's NATS is gone between its commit and its publish.
    const nc = await connect({ servers: NATS_URL });
    const deadStream = await BankChangeStream.open(nc, { stream: `${d.eventsStream}_BANK_CHANGES` });
    await nc.close();
    const writerRelay = new BankChangeRelay(w1.changes, deadStream);
    const hex = randomPdqHex(55);
    await w1.banks.addEntries(bank.id, [{ signalType: "pdq", value: hex }]);
    await assert.rejects(writerRelay.publishPending());
    assert.equal((await w1.changes.unpublished(10)).length, 1, "still unpublished in the log");
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(matches(w1, hex), false, "no worker has it: it is not on the stream");

    await w1.maintenance.tick();
    assert.equal((await w1.changes.unpublished(10)).length, 0, "the sweep published it");
    await until("the worker to match it from the stream", () => matches(w1, hex), 900);
    assert.equal(w1.matcher.stats.stream, 1);
    assert.equal(w1.matcher.stats.log, 0);
    assert.ok(w1.logs.some((l) => l.msg === "relay sweep published bank changes"));
  } finally {
    await d.dispose();
  }
});

test("pruning deletes only changes below the newest snapshot and past the retention; a replica behind them reloads", {
  skip,
  timeout: 60_000,
}, async () => {
  const d = await deployment();
  try {
    const w1 = await d.worker();
    const bank = await w1.banks.create("partner");
    await w1.banks.addEntries(
      bank.id,
      [1, 2, 3].map((i) => ({ signalType: "pdq" as const, value: randomPdqHex(i) })),
    );
    await w1.matcher.refresh();
    // A replica stuck at this position (not following the stream).
    let clock = Date.now();
    const stale = new LiveBankMatcher(w1.banks, w1.changes, { info() {}, error() {} }, () => clock, {
      fed: true,
    });
    await stale.sync();
    const stalePosition = stale.appliedSeq;

    await w1.banks.addEntries(
      bank.id,
      [4, 5].map((i) => ({ signalType: "pdq" as const, value: randomPdqHex(i) })),
    );
    await w1.matcher.refresh();
    // Retention of 7 days: the snapshot is written, nothing is old enough to go.
    const kept = await w1.maintenance.snapshotAndPrune();
    assert.deepEqual(kept, { seq: await w1.changes.latestSeq(), written: true, pruned: 0 });
    const snapshotSeq = kept.seq;
    // The job's holder has not applied the next change (it never does here): the stored snapshot stays the newest.
    const frozen = new LiveBankMatcher(w1.banks, w1.changes, { info() {}, error() {} }, Date.now, {
      fed: true,
    });
    await frozen.sync();
    const uncovered = randomPdqHex(6);
    await w1.banks.addEntries(bank.id, [{ signalType: "pdq", value: uncovered }]);
    await w1.matcher.refresh();

    // Retention 0: everything below the snapshot's seq goes; the snapshot's own row and later ones stay.
    const job = new BankIndexMaintenance(
      new SingleLease(new LocalPartitionLeases()),
      w1.bankStream.relay,
      frozen,
      w1.bankStream.snapshots,
      w1.changes,
      { info() {}, error() {} },
      { sweepMs: 1_000, snapshotMs: 1_000, retentionMs: 0, now: () => Date.now() + 1_000 },
    );
    assert.deepEqual(await job.snapshotAndPrune(), {
      seq: snapshotSeq,
      written: false,
      pruned: snapshotSeq - 1,
    });
    assert.equal(await w1.changes.oldestSeq(), snapshotSeq);
    const left = await w1.changes.since(0, 10);
    assert.deepEqual(
      left.map((c) => c.seq),
      [snapshotSeq, snapshotSeq + 1],
      "the snapshot's row and the change it does not cover are kept",
    );

    // The stale replica is behind the oldest kept change: once the gap lasts it reloads instead of reading the log.
    stale.offer(left.slice(1), "stream");
    assert.equal(await stale.sync(), "waiting");
    clock += 11_000;
    assert.equal(await stale.sync(), "reloaded");
    assert.ok(stale.appliedSeq > stalePosition);
    assert.match(stale.lastLoad?.reason ?? "", /pruned/);
    assert.equal(stale.get().matchPdq(hash256FromHex(uncovered)).length, 1);
  } finally {
    await d.dispose();
  }
});
