/** Bulk enforcement's pure rules as tables: the status machine, thresholds, confirmers, settling. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { BULK_EVENTS, BULK_STATUSES, type BulkEvent, nextBulkStatus } from "../../src/domain/bulk-status.js";
import {
  checkConfirmer,
  confirmationShortfall,
  confirmationsRequired,
  DEFAULT_BULK_THRESHOLDS,
} from "../../src/domain/bulk-thresholds.js";
import { settle } from "../../src/enforce/bulk/bulk-supervisor.js";
import { bulkIdempotencyKey, targetProblem } from "../../src/enforce/bulk/bulk-target.js";
import { bulkThresholdsFromEnv } from "../../src/enforce/bulk/bulk-thresholds.js";

test("every allowed transition, and every other pair refused", () => {
  const allowed: [string, BulkEvent, string][] = [
    ["draft", "seal", "awaiting_confirmation"],
    ["draft", "seal_unconfirmed", "confirmed"],
    ["awaiting_confirmation", "confirmed", "confirmed"],
    ["confirmed", "execute", "executing"],
    ["executing", "all_delivered", "done"],
    ["executing", "some_failing", "partially_failed"],
    ["partially_failed", "all_delivered", "done"],
    ["partially_failed", "reverse", "reversing"],
    ["done", "reverse", "reversing"],
    ["reversing", "all_reversed", "reversed"],
  ];
  for (const from of BULK_STATUSES) {
    for (const event of BULK_EVENTS) {
      const row = allowed.find(([f, e]) => f === from && e === event);
      const result = nextBulkStatus(from, event);
      if (row) assert.deepEqual(result, { ok: true, to: row[2] }, `${from} + ${event}`);
      else assert.equal(result.ok, false, `${from} + ${event} must be refused`);
    }
  }
});

test("thresholds: 100 and 10,000 by default, from the environment, and refused when nonsense", () => {
  const table: [number, number][] = [
    [1, 0],
    [100, 0],
    [101, 1],
    [10_000, 1],
    [10_001, 2],
    [130_000, 2],
  ];
  for (const [count, needed] of table)
    assert.equal(confirmationsRequired(count, DEFAULT_BULK_THRESHOLDS), needed, `${count}`);
  assert.deepEqual(bulkThresholdsFromEnv({}), DEFAULT_BULK_THRESHOLDS);
  assert.deepEqual(
    bulkThresholdsFromEnv({ VIGIL_BULK_CONFIRM_ABOVE: "5", VIGIL_BULK_TWO_PERSON_ABOVE: "50" }),
    {
      confirmAbove: 5,
      twoPersonAbove: 50,
    },
  );
  assert.throws(
    () => bulkThresholdsFromEnv({ VIGIL_BULK_CONFIRM_ABOVE: "many" }),
    /VIGIL_BULK_CONFIRM_ABOVE/,
  );
  assert.throws(
    () => bulkThresholdsFromEnv({ VIGIL_BULK_CONFIRM_ABOVE: "500", VIGIL_BULK_TWO_PERSON_ABOVE: "50" }),
    /must not be below/,
  );
});

test("shortfall names: none, the first, the second confirmation", () => {
  assert.equal(confirmationShortfall(0, 0), null);
  assert.equal(confirmationShortfall(1, 0), "ConfirmationRequired");
  assert.equal(confirmationShortfall(2, 0), "ConfirmationRequired");
  assert.equal(confirmationShortfall(2, 1), "SecondConfirmationRequired");
  assert.equal(confirmationShortfall(2, 2), null);
});

test("who may confirm: never the requester, only leads and admins, once each", () => {
  const batch = { requestedBy: "user:a@x" };
  const check = (
    actor: string,
    role: "lead" | "admin" | "reviewer" | "child_safety_reviewer",
    earlier: string[] = [],
  ) =>
    checkConfirmer(
      { actor, role },
      batch,
      earlier.map((confirmedBy) => ({ confirmedBy })),
    );
  assert.equal((check("user:a@x", "lead") as { error: string }).error, "OwnBatch");
  assert.equal((check("user:b@x", "reviewer") as { error: string }).error, "ForbiddenRole");
  assert.equal((check("user:b@x", "child_safety_reviewer") as { error: string }).error, "ForbiddenRole");
  assert.equal((check("user:b@x", "lead", ["user:b@x"]) as { error: string }).error, "AlreadyConfirmed");
  assert.deepEqual(check("user:b@x", "lead"), { ok: true });
  assert.deepEqual(check("user:c@x", "admin", ["user:b@x"]), { ok: true });
});

test("targets: the action must fit the subject; keys name batch, action and subject", () => {
  assert.equal(
    targetProblem({ subjectKind: "account", platformId: "a", action: "ban_account", evidence: [] }),
    null,
  );
  assert.match(
    String(targetProblem({ subjectKind: "group", platformId: "g", action: "ban_account", evidence: [] })),
    /applies to a account/,
  );
  assert.equal(
    bulkIdempotencyKey(7, { subjectKind: "group", platformId: "g-1", action: "disable_group" }),
    "bulk:7:disable_group:group:g-1",
  );
});

test("settling from the outbox's counts", () => {
  const p = (
    enqueued: number,
    delivered: number,
    failedHard: number,
    rEnq = 0,
    rDel = 0,
    reversible = enqueued,
  ) => ({
    execution: { enqueued, delivered, failing: failedHard, failedHard },
    reversal: { enqueued: rEnq, delivered: rDel, failing: 0, failedHard: 0 },
    reversible,
  });
  assert.equal(settle("executing", false, p(10, 10, 0)), null, "not before every target is queued");
  assert.equal(settle("executing", true, p(10, 10, 0)), "all_delivered");
  assert.equal(settle("executing", true, p(10, 8, 1)), null, "one still on its first tries");
  assert.equal(settle("executing", true, p(10, 8, 2)), "some_failing");
  assert.equal(settle("partially_failed", true, p(10, 10, 0)), "all_delivered");
  assert.equal(settle("reversing", true, p(10, 10, 0, 10, 9)), null);
  assert.equal(settle("reversing", true, p(10, 10, 0, 9, 9)), null, "a reversal not yet queued");
  assert.equal(settle("reversing", true, p(10, 10, 0, 10, 10)), "all_reversed");
  assert.equal(
    settle("reversing", true, p(10, 9, 0, 9, 9)),
    null,
    "an action still undelivered gets its reversal later",
  );
});
