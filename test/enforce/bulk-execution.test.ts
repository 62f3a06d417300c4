/**
 * A batch through the real database (PGlite and PostgreSQL): confirmations by others only,
 * execution exactly once across a crash mid-way and a doubled executor, and reversal exactly
 * once per delivered action. Deliveries are acknowledged through the outbox's own claim and
 * mark, as the dispatcher does, so the test counts rows rather than waiting on HTTP.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import pino from "pino";
import type { BulkTarget } from "../../src/domain/bulk.js";
import { BulkRefused } from "../../src/domain/bulk-errors.js";
import { confirmationsRequired } from "../../src/domain/bulk-thresholds.js";
import { BulkSupervisor } from "../../src/enforce/bulk/bulk-supervisor.js";
import { bulkIdempotencyKey } from "../../src/enforce/bulk/bulk-target.js";
import { openDatabase } from "../../src/store/database.js";
import { ActionRepository } from "../../src/store/repositories/action-repository.js";
import { BulkOutboxRepository } from "../../src/store/repositories/bulk-outbox-repository.js";
import { BulkRepository } from "../../src/store/repositories/bulk-repository.js";
import { databaseKinds } from "../support/databases.js";

const log = pino({ level: "silent" });
const thresholds = { confirmAbove: 100, twoPersonAbove: 1_000 };
const requester = { actor: "user:cs@example.org", role: "child_safety_reviewer" as const };
const leadA = { actor: "user:lead-a@example.org", role: "lead" as const };
const leadB = { actor: "user:lead-b@example.org", role: "admin" as const };

function accounts(n: number): BulkTarget[] {
  return Array.from({ length: n }, (_, i) => ({
    subjectKind: "account" as const,
    platformId: `acct-${i}`,
    action: "ban_account" as const,
    evidence: i % 3 === 0 ? ["admin_of_confirmed_group"] : ["member_of_flagged_groups"],
  }));
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BulkRefused) return error.code;
    throw error;
  }
  return "accepted";
}

/** Acknowledges every due action, as a dispatcher whose platform answers 2xx. */
async function deliverAll(actions: ActionRepository): Promise<number> {
  let total = 0;
  for (;;) {
    const due = await actions.claimDue(new Date(), 1_000, 60_000);
    if (due.length === 0) return total;
    for (const d of due) await actions.markDelivered(d.id, new Date(), d.attempts + 1, 200);
    total += due.length;
  }
}

for (const kind of databaseKinds) {
  describe(`bulk batches on ${kind.label}`, { skip: kind.skip }, () => {
    test("two others must confirm a big batch; executing twice and after a crash queues each action once; reversal once", async () => {
      const target = await kind.make();
      const database = await openDatabase(target.options);
      try {
        const batches = new BulkRepository(database.db);
        const outbox = new BulkOutboxRepository(database.db);
        const actions = new ActionRepository(database.db);
        const batch = await batches.create({
          platform: "whatsapp",
          reason: "ring",
          requestedBy: requester,
          source: { kind: "list" },
        });
        const targets = accounts(2_500);
        assert.deepEqual(await batches.addTargets(batch.id, targets), { added: 2_500, duplicates: 0 });
        assert.deepEqual(await batches.addTargets(batch.id, targets.slice(0, 10)), {
          added: 0,
          duplicates: 10,
        });
        const sealed = await batches.seal(batch.id, requester.actor, (n) =>
          confirmationsRequired(n, thresholds),
        );
        assert.equal(sealed.status, "awaiting_confirmation");
        assert.equal(sealed.confirmationsRequired, 2);
        assert.equal(await refusal(batches.addTargets(batch.id, accounts(1))), "BatchStateConflict");

        const preview = await batches.preview(batch.id, 5);
        assert.deepEqual(preview.byAction, { ban_account: 2_500 });
        assert.deepEqual(preview.byEvidence, {
          member_of_flagged_groups: 1_666,
          admin_of_confirmed_group: 834,
        });
        assert.equal(preview.sample.length, 5);

        assert.equal(
          await refusal(batches.startExecution(batch.id, requester.actor)),
          "ConfirmationRequired",
        );
        assert.equal(await refusal(batches.confirm(batch.id, requester)), "OwnBatch");
        assert.equal(
          await refusal(batches.confirm(batch.id, { actor: "user:r@example.org", role: "reviewer" })),
          "ForbiddenRole",
        );
        assert.equal((await batches.confirm(batch.id, leadA)).status, "awaiting_confirmation");
        assert.equal(await refusal(batches.confirm(batch.id, leadA)), "AlreadyConfirmed");
        assert.equal(
          await refusal(batches.startExecution(batch.id, requester.actor)),
          "SecondConfirmationRequired",
        );
        assert.equal((await batches.confirm(batch.id, leadB)).status, "confirmed");
        assert.equal((await batches.startExecution(batch.id, requester.actor)).status, "executing");
        assert.equal(await refusal(batches.startExecution(batch.id, requester.actor)), "BatchStateConflict");

        // A crash after two chunks: the process is gone, its cursor and rows stay.
        await outbox.enqueueChunk(batch.id, 400);
        await outbox.enqueueChunk(batch.id, 400);
        assert.equal((await outbox.progress(batch.id, 10)).execution.enqueued, 800);
        // Two executors resume at once (two workers), and the cursor is rewound as if lost.
        await database.db.execute("UPDATE bulk_batches SET enqueued_through = 0" as never);
        const supervisor = () =>
          new BulkSupervisor({ batches, outbox, log, onQueued: () => {}, chunkSize: 300 });
        const [one, two] = [supervisor(), supervisor()];
        await Promise.all([one.runOnce(), two.runOnce()]);
        const afterEnqueue = await outbox.progress(batch.id, 10);
        assert.equal(afterEnqueue.execution.enqueued, 2_500);
        const keys = (await database.db.execute(
          `SELECT idempotency_key, count(*)::int AS n FROM actions WHERE batch_id = ${batch.id} GROUP BY 1 HAVING count(*) > 1` as never,
        )) as unknown as { rows: unknown[] };
        assert.equal(keys.rows.length, 0);
        const [first] = await actions.claimDue(new Date(), 1, 1);
        assert.equal(first.idempotencyKey, bulkIdempotencyKey(batch.id, targets[0]));

        assert.equal(await deliverAll(actions), 2_500);
        await one.runOnce();
        assert.equal((await batches.find(batch.id))?.batch.status, "done");
        assert.equal(await refusal(batches.startReversal(batch.id, requester.actor, "x")), "accepted");

        await Promise.all([one.runOnce(), two.runOnce()]);
        await one.runOnce();
        const reversing = await outbox.progress(batch.id, 10);
        assert.equal(reversing.reversal.enqueued, 2_500);
        assert.equal(await deliverAll(actions), 2_500);
        await one.runOnce();
        await two.runOnce();
        const done = await outbox.progress(batch.id, 10);
        assert.deepEqual(done.reversal, { enqueued: 2_500, delivered: 2_500, failing: 0, failedHard: 0 });
        assert.equal((await batches.find(batch.id))?.batch.status, "reversed");
        const unbans = (await database.db.execute(
          `SELECT count(DISTINCT subject_id)::int AS n FROM actions WHERE batch_id = ${batch.id} AND action = 'unban_account'` as never,
        )) as unknown as { rows: { n: number }[] };
        assert.equal(unbans.rows[0].n, 2_500);
        const logged = (await database.db.execute(
          `SELECT count(*)::int AS n FROM moderation_events WHERE kind = 'act' AND (detail->>'batchId')::bigint = ${batch.id}` as never,
        )) as unknown as { rows: { n: number }[] };
        assert.equal(logged.rows[0].n, 5_000);
      } finally {
        await database.close();
        await target.dispose();
      }
    });

    test("a small batch needs nobody; a failing delivery makes it partially_failed, then done when acknowledged", async () => {
      const target = await kind.make();
      const database = await openDatabase(target.options);
      try {
        const batches = new BulkRepository(database.db);
        const outbox = new BulkOutboxRepository(database.db);
        const actions = new ActionRepository(database.db);
        const batch = await batches.create({
          platform: "p",
          reason: "r",
          requestedBy: requester,
          source: { kind: "list" },
        });
        await batches.addTargets(batch.id, accounts(3));
        assert.equal(
          (await batches.seal(batch.id, requester.actor, (n) => confirmationsRequired(n, thresholds))).status,
          "confirmed",
        );
        await batches.startExecution(batch.id, requester.actor);
        const supervisor = new BulkSupervisor({
          batches,
          outbox,
          log,
          onQueued: () => {},
          failingAfterAttempts: 2,
        });
        await supervisor.runOnce();
        const due = await actions.claimDue(new Date(), 10, 60_000);
        await actions.markDelivered(due[0].id, new Date(), 1, 200);
        await actions.markDelivered(due[1].id, new Date(), 1, 200);
        await actions.markFailed(due[2].id, 2, new Date(), "HTTP 500", 500);
        await supervisor.runOnce();
        assert.equal((await batches.find(batch.id))?.batch.status, "partially_failed");
        await actions.markDelivered(due[2].id, new Date(), 3, 200);
        await supervisor.runOnce();
        assert.equal((await batches.find(batch.id))?.batch.status, "done");
      } finally {
        await database.close();
        await target.dispose();
      }
    });
  });
}
