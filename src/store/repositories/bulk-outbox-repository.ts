/**
 * A batch's actions in the outbox. Enqueueing is set-based (INSERT … SELECT from the targets,
 * one chunk per transaction, with the `act` moderation events in the same statement) and
 * exactly once by construction: each action's idempotency key `bulk:<batch>:<action>:<subject>`
 * is unique, so a resumed or doubled run inserts nothing twice; the batch's cursor only saves
 * the re-reading. Reversals are keyed by the action they undo (`actions_one_reversal`), and are
 * queued only for actions the platform acknowledged.
 */
import { sql } from "drizzle-orm";
import { ACTION_REVERSAL } from "../../domain/actions.js";
import type { VigilDb } from "../database.js";
import { type BulkBatchRow, rowsOf } from "./bulk-repository.js";

export interface BulkPhaseProgress {
  /** Actions in the outbox for this phase. */
  enqueued: number;
  delivered: number;
  /** Pending after at least one failed attempt. */
  failing: number;
  /** Pending with at least `failingAfterAttempts` failed attempts. */
  failedHard: number;
}

export interface BulkProgress {
  execution: BulkPhaseProgress;
  reversal: BulkPhaseProgress;
  /** Targets whose action has an undo (what a reversal covers once every action is delivered). */
  reversible: number;
}

export interface ChunkResult {
  /** Actions inserted now (0 for a chunk queued before a crash). */
  inserted: number;
  /** True when no targets remain after this chunk. */
  complete: boolean;
}

const REVERSIBLE = Object.entries(ACTION_REVERSAL) as [string, string][];

export class BulkOutboxRepository {
  constructor(private readonly db: VigilDb) {}

  /** Queues the next chunk of an executing batch's targets; a batch in another status queues nothing. */
  async enqueueChunk(batchId: number, chunkSize: number): Promise<ChunkResult> {
    return this.db.transaction(async (tx) => {
      // The lock serialises executors of one batch (several workers, or a re-run beside a live one).
      const [batch] = rowsOf<{
        status: string;
        enqueued_through: string | number;
        platform: string;
        reason: string;
        executed_by: string | null;
        requested_by: string;
      }>(
        await tx.execute(sql`SELECT status, enqueued_through, platform, reason, executed_by, requested_by
                               FROM bulk_batches WHERE id = ${batchId}::bigint FOR UPDATE`),
      );
      if (batch?.status !== "executing") return { inserted: 0, complete: true };
      const actor = batch.executed_by ?? batch.requested_by;
      const [result] = rowsOf<{ last_target: string | number | null; inserted: number }>(
        await tx.execute(sql`
          WITH chunk AS (
            SELECT id, subject_type, subject_id, action FROM bulk_batch_targets
             WHERE batch_id = ${batchId}::bigint AND id > ${Number(batch.enqueued_through)}::bigint
             ORDER BY id LIMIT ${chunkSize}::int),
          ins AS (
            INSERT INTO actions (public_id, platform, action, subject_type, subject_id, reason, idempotency_key, batch_id)
            SELECT 'act_' || replace(gen_random_uuid()::text, '-', ''), ${batch.platform}::text, action, subject_type,
                   subject_id, ${batch.reason}::text,
                   'bulk:' || ${batchId}::bigint || ':' || action || ':' || subject_type || ':' || subject_id,
                   ${batchId}::bigint
              FROM chunk ORDER BY id
            ON CONFLICT (idempotency_key) DO NOTHING
            RETURNING public_id, action, subject_type, subject_id, idempotency_key),
          logged AS (
            INSERT INTO moderation_events (platform, subject_type, subject_id, kind, actor, detail)
            SELECT ${batch.platform}::text, subject_type, subject_id, 'act', ${actor}::text,
                   jsonb_build_object('action', action, 'actionId', public_id, 'batchId', ${batchId}::bigint,
                                      'idempotencyKey', idempotency_key)
              FROM ins RETURNING 1)
          SELECT (SELECT max(id) FROM chunk) AS last_target, (SELECT count(*)::int FROM logged) AS inserted`),
      );
      if (result.last_target === null) {
        await tx.execute(
          sql`UPDATE bulk_batches SET enqueued_at = coalesce(enqueued_at, now()), updated_at = now() WHERE id = ${batchId}::bigint`,
        );
        return { inserted: 0, complete: true };
      }
      await tx.execute(
        sql`UPDATE bulk_batches SET enqueued_through = ${Number(result.last_target)}::bigint,
                   enqueued_count = enqueued_count + ${result.inserted}::int, updated_at = now()
             WHERE id = ${batchId}::bigint`,
      );
      return { inserted: result.inserted, complete: false };
    });
  }

  /**
   * Queues reversals for up to `chunkSize` delivered, reversible actions of a reversing batch
   * that have none yet. Returns how many were queued; 0 means none is missing right now
   * (actions still being delivered get theirs once acknowledged).
   */
  async enqueueReversalChunk(
    batch: Pick<BulkBatchRow, "id">,
    actor: string,
    chunkSize: number,
  ): Promise<number> {
    const undo = sql.join(
      REVERSIBLE.map(([from, to]) => sql`WHEN ${from}::text THEN ${to}::text`),
      sql` `,
    );
    const kinds = sql.join(
      REVERSIBLE.map(([from]) => sql`${from}::text`),
      sql`, `,
    );
    return this.db.transaction(async (tx) => {
      const [status] = rowsOf<{ status: string }>(
        await tx.execute(sql`SELECT status FROM bulk_batches WHERE id = ${batch.id}::bigint FOR UPDATE`),
      );
      if (status?.status !== "reversing") return 0;
      const [result] = rowsOf<{ inserted: number }>(
        await tx.execute(sql`
          WITH todo AS (
            SELECT a.id, a.platform, a.action, a.subject_type, a.subject_id FROM actions a
             WHERE a.batch_id = ${batch.id}::bigint AND a.status = 'delivered' AND a.reverses_action_id IS NULL
               AND a.action IN (${kinds})
               AND NOT EXISTS (SELECT 1 FROM actions r WHERE r.reverses_action_id = a.id)
             ORDER BY a.id LIMIT ${chunkSize}::int),
          ins AS (
            INSERT INTO actions (public_id, platform, action, subject_type, subject_id, reason, idempotency_key,
                                 batch_id, reverses_action_id)
            SELECT 'act_' || replace(gen_random_uuid()::text, '-', ''), todo.platform, CASE todo.action ${undo} END,
                   todo.subject_type, todo.subject_id, coalesce(b.reversal_reason, 'batch reversed'),
                   'bulk-reverse:' || ${batch.id}::bigint || ':' || todo.id, ${batch.id}::bigint, todo.id
              FROM todo, bulk_batches b WHERE b.id = ${batch.id}::bigint ORDER BY todo.id
            ON CONFLICT DO NOTHING
            RETURNING public_id, platform, action, subject_type, subject_id, idempotency_key, reverses_action_id),
          logged AS (
            INSERT INTO moderation_events (platform, subject_type, subject_id, kind, actor, detail)
            SELECT platform, subject_type, subject_id, 'act', ${actor}::text,
                   jsonb_build_object('action', action, 'actionId', public_id, 'batchId', ${batch.id}::bigint,
                                      'reverses', reverses_action_id, 'idempotencyKey', idempotency_key)
              FROM ins RETURNING 1)
          SELECT count(*)::int AS inserted FROM logged`),
      );
      await tx.execute(
        sql`UPDATE bulk_batches SET reversals_enqueued = reversals_enqueued + ${result.inserted}::int, updated_at = now()
             WHERE id = ${batch.id}::bigint`,
      );
      return result.inserted;
    });
  }

  /**
   * Reads only the batch's pending rows (delivered = enqueued - pending), so polling a batch
   * whose 130,000 actions are mostly delivered stays cheap.
   */
  async progress(batchId: number, failingAfterAttempts: number): Promise<BulkProgress> {
    const kinds = sql.join(
      REVERSIBLE.map(([from]) => sql`${from}::text`),
      sql`, `,
    );
    const [batch] = rowsOf<{ enqueued_count: number; reversals_enqueued: number; reversible: number }>(
      await this.db.execute(sql`
        SELECT enqueued_count, reversals_enqueued,
               (SELECT count(*)::int FROM bulk_batch_targets t
                 WHERE t.batch_id = b.id AND t.action IN (${kinds})) AS reversible
          FROM bulk_batches b WHERE b.id = ${batchId}::bigint`),
    );
    const pending = rowsOf<{ reversal: boolean; pending: number; failing: number; failed_hard: number }>(
      await this.db.execute(sql`
        SELECT reverses_action_id IS NOT NULL AS reversal, count(*)::int AS pending,
               count(*) FILTER (WHERE attempts > 0)::int AS failing,
               count(*) FILTER (WHERE attempts >= ${failingAfterAttempts}::int)::int AS failed_hard
          FROM actions WHERE batch_id = ${batchId}::bigint AND status = 'pending'
         GROUP BY 1`),
    );
    const phase = (reversal: boolean, enqueued: number): BulkPhaseProgress => {
      const row = pending.find((r) => r.reversal === reversal);
      return {
        enqueued,
        delivered: enqueued - (row?.pending ?? 0),
        failing: row?.failing ?? 0,
        failedHard: row?.failed_hard ?? 0,
      };
    };
    return {
      execution: phase(false, batch?.enqueued_count ?? 0),
      reversal: phase(true, batch?.reversals_enqueued ?? 0),
      reversible: batch?.reversible ?? 0,
    };
  }
}
