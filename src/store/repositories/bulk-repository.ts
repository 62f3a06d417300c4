/**
 * Bulk enforcement batches: creating them with their targets (set-based, in chunks), sealing,
 * confirming and starting them under a row lock on the batch, so two people acting at once
 * cannot both move it. Enqueueing and reversing are in bulk-outbox-repository.ts.
 */
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { BulkSourceRef, BulkStatus, BulkTarget } from "../../domain/bulk.js";
import { BulkRefused } from "../../domain/bulk-errors.js";
import { type BulkEvent, nextBulkStatus } from "../../domain/bulk-status.js";
import { checkConfirmer, confirmationShortfall } from "../../domain/bulk-thresholds.js";
import type { VigilDb } from "../database.js";
import { auditLog, bulkBatchConfirmations, bulkBatches, bulkBatchTargets, type UserRole } from "../schema.js";

export type BulkBatchRow = typeof bulkBatches.$inferSelect;
export type BulkConfirmationRow = typeof bulkBatchConfirmations.$inferSelect;
export type BulkTargetRow = typeof bulkBatchTargets.$inferSelect;

export interface BulkPerson {
  actor: string;
  role: UserRole;
}

export interface BulkPreviewCounts {
  byAction: Record<string, number>;
  byEvidence: Record<string, number>;
  sample: BulkTargetRow[];
}

/** Rows per INSERT: 6 parameters each stays far below PostgreSQL's 65,535. */
const TARGET_CHUNK = 5_000;

type Tx = Parameters<Parameters<VigilDb["transaction"]>[0]>[0];

export class BulkRepository {
  constructor(private readonly db: VigilDb) {}

  async create(input: {
    platform: string;
    reason: string;
    requestedBy: BulkPerson;
    source: BulkSourceRef;
  }): Promise<BulkBatchRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(bulkBatches)
        .values({
          platform: input.platform,
          reason: input.reason,
          requestedBy: input.requestedBy.actor,
          requestedRole: input.requestedBy.role,
          source: input.source,
        })
        .returning();
      await audit(tx, input.requestedBy.actor, "bulk.create", row.id, { source: input.source });
      return row;
    });
  }

  /** Adds targets to a draft; a target already in the batch (same subject and action) is skipped. */
  async addTargets(
    batchId: number,
    targets: readonly BulkTarget[],
  ): Promise<{ added: number; duplicates: number }> {
    return this.db.transaction(async (tx) => {
      const batch = await lock(tx, batchId);
      if (batch.status !== "draft") {
        throw new BulkRefused(
          "BatchStateConflict",
          `batch ${batchId} is ${batch.status}; targets are added only to a draft`,
        );
      }
      let added = 0;
      for (let i = 0; i < targets.length; i += TARGET_CHUNK) {
        const rows = await tx
          .insert(bulkBatchTargets)
          .values(
            targets.slice(i, i + TARGET_CHUNK).map((t) => ({
              batchId,
              subjectType: t.subjectKind,
              subjectId: t.platformId,
              action: t.action,
              evidence: t.evidence,
            })),
          )
          .onConflictDoNothing()
          .returning({ id: bulkBatchTargets.id });
        added += rows.length;
      }
      await tx
        .update(bulkBatches)
        .set({ targetCount: sql`${bulkBatches.targetCount} + ${added}`, updatedAt: sql`now()` })
        .where(eq(bulkBatches.id, batchId));
      return { added, duplicates: targets.length - added };
    });
  }

  /** Ends the draft: fixes how many confirmations the batch needs from its final size. */
  async seal(
    batchId: number,
    actor: string,
    required: (targetCount: number) => number,
  ): Promise<BulkBatchRow> {
    return this.db.transaction(async (tx) => {
      const batch = await lock(tx, batchId);
      if (batch.requestedBy !== actor) {
        throw new BulkRefused("BatchStateConflict", "only the requester can finish adding targets");
      }
      const needed = required(batch.targetCount);
      const row = await move(tx, batch, needed > 0 ? "seal" : "seal_unconfirmed", {
        confirmationsRequired: needed,
      });
      await audit(tx, actor, "bulk.seal", batchId, {
        targets: batch.targetCount,
        confirmationsRequired: needed,
      });
      return row;
    });
  }

  async find(batchId: number): Promise<{ batch: BulkBatchRow; confirmations: BulkConfirmationRow[] } | null> {
    const [batch] = await this.db.select().from(bulkBatches).where(eq(bulkBatches.id, batchId));
    if (!batch) return null;
    const confirmations = await this.db
      .select()
      .from(bulkBatchConfirmations)
      .where(eq(bulkBatchConfirmations.batchId, batchId))
      .orderBy(asc(bulkBatchConfirmations.id));
    return { batch, confirmations };
  }

  async preview(batchId: number, sampleSize: number): Promise<BulkPreviewCounts> {
    const byAction = await this.db
      .select({ key: bulkBatchTargets.action, n: sql<number>`count(*)::int` })
      .from(bulkBatchTargets)
      .where(eq(bulkBatchTargets.batchId, batchId))
      .groupBy(bulkBatchTargets.action);
    const byEvidence = rowsOf<{ key: string; n: number }>(
      await this.db.execute(sql`
        SELECT label AS key, count(*)::int AS n
          FROM bulk_batch_targets, jsonb_array_elements_text(evidence) AS label
         WHERE batch_id = ${batchId}::bigint
         GROUP BY label ORDER BY n DESC, label`),
    );
    const sample = await this.db
      .select()
      .from(bulkBatchTargets)
      .where(eq(bulkBatchTargets.batchId, batchId))
      .orderBy(asc(bulkBatchTargets.id))
      .limit(sampleSize);
    return {
      byAction: Object.fromEntries(byAction.map((r) => [r.key, r.n])),
      byEvidence: Object.fromEntries(byEvidence.map((r) => [r.key, r.n])),
      sample,
    };
  }

  /** A person other than the requester confirms; the batch moves on when enough have. */
  async confirm(batchId: number, confirmer: BulkPerson): Promise<BulkBatchRow> {
    return this.db.transaction(async (tx) => {
      const batch = await lock(tx, batchId);
      const earlier = await tx
        .select()
        .from(bulkBatchConfirmations)
        .where(eq(bulkBatchConfirmations.batchId, batchId));
      const check = checkConfirmer(confirmer, batch, earlier);
      if (!check.ok) throw new BulkRefused(check.error, check.message);
      if (batch.status !== "awaiting_confirmation") {
        throw new BulkRefused(
          "BatchStateConflict",
          `batch ${batchId} is ${batch.status}, not awaiting confirmation`,
        );
      }
      const inserted = await tx
        .insert(bulkBatchConfirmations)
        .values({ batchId, confirmedBy: confirmer.actor, role: confirmer.role })
        .onConflictDoNothing()
        .returning({ id: bulkBatchConfirmations.id });
      if (inserted.length === 0)
        throw new BulkRefused("AlreadyConfirmed", "this person has already confirmed the batch");
      await audit(tx, confirmer.actor, "bulk.confirm", batchId, { role: confirmer.role });
      if (earlier.length + 1 < batch.confirmationsRequired) return batch;
      return move(tx, batch, "confirmed", {});
    });
  }

  /** confirmed -> executing; refused by name while confirmations are missing. */
  async startExecution(batchId: number, actor: string): Promise<BulkBatchRow> {
    return this.db.transaction(async (tx) => {
      const batch = await lock(tx, batchId);
      if (batch.status === "awaiting_confirmation") {
        const [{ n }] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(bulkBatchConfirmations)
          .where(eq(bulkBatchConfirmations.batchId, batchId));
        const shortfall = confirmationShortfall(batch.confirmationsRequired, n);
        if (shortfall) {
          throw new BulkRefused(
            shortfall,
            `batch ${batchId} has ${batch.targetCount} targets and needs ${batch.confirmationsRequired} confirmation(s) by a lead or admin other than the requester; it has ${n}`,
          );
        }
      }
      const row = await move(tx, batch, "execute", { executedBy: actor, executedAt: new Date() });
      await audit(tx, actor, "bulk.execute", batchId, { targets: batch.targetCount });
      return row;
    });
  }

  /** done | partially_failed -> reversing. */
  async startReversal(batchId: number, actor: string, reason: string): Promise<BulkBatchRow> {
    return this.db.transaction(async (tx) => {
      const batch = await lock(tx, batchId);
      const row = await move(tx, batch, "reverse", {
        reversedBy: actor,
        reversalReason: reason,
        reversalStartedAt: new Date(),
      });
      await audit(tx, actor, "bulk.reverse", batchId, { reason });
      return row;
    });
  }

  /** Moves a batch by an event when its status still allows it (the supervisor's settling); null otherwise. */
  async transition(
    batchId: number,
    event: BulkEvent,
    set: Partial<BulkBatchRow> = {},
  ): Promise<BulkBatchRow | null> {
    return this.db.transaction(async (tx) => {
      const batch = await lock(tx, batchId);
      if (!nextBulkStatus(batch.status, event).ok) return null;
      return move(tx, batch, event, set);
    });
  }

  async withStatus(statuses: readonly BulkStatus[]): Promise<BulkBatchRow[]> {
    return this.db
      .select()
      .from(bulkBatches)
      .where(inArray(bulkBatches.status, [...statuses]))
      .orderBy(asc(bulkBatches.id));
  }

  async list(limit: number): Promise<BulkBatchRow[]> {
    return this.db.select().from(bulkBatches).orderBy(sql`${bulkBatches.id} DESC`).limit(limit);
  }

  /** Targets after a cursor, in order (for sources and tests). */
  async targetsAfter(batchId: number, afterId: number, limit: number): Promise<BulkTargetRow[]> {
    return this.db
      .select()
      .from(bulkBatchTargets)
      .where(and(eq(bulkBatchTargets.batchId, batchId), gt(bulkBatchTargets.id, afterId)))
      .orderBy(asc(bulkBatchTargets.id))
      .limit(limit);
  }
}

async function lock(tx: Tx, batchId: number): Promise<BulkBatchRow> {
  const [batch] = await tx.select().from(bulkBatches).where(eq(bulkBatches.id, batchId)).for("update");
  if (!batch) throw new BulkRefused("BatchNotFound", `no bulk batch ${batchId}`);
  return batch;
}

async function move(
  tx: Tx,
  batch: BulkBatchRow,
  event: BulkEvent,
  set: Partial<BulkBatchRow>,
): Promise<BulkBatchRow> {
  const next = nextBulkStatus(batch.status, event);
  if (!next.ok) {
    throw new BulkRefused("BatchStateConflict", `batch ${batch.id} is ${batch.status}; cannot ${event}`);
  }
  const [row] = await tx
    .update(bulkBatches)
    .set({ ...set, status: next.to, updatedAt: new Date() })
    .where(eq(bulkBatches.id, batch.id))
    .returning();
  return row;
}

async function audit(
  tx: Tx,
  actor: string,
  action: string,
  batchId: number,
  detail: Record<string, unknown>,
): Promise<void> {
  await tx
    .insert(auditLog)
    .values({ actor, action, targetType: "bulk_batch", targetId: String(batchId), detail });
}

export function rowsOf<Row>(result: unknown): Row[] {
  return (result as { rows: Row[] }).rows;
}
