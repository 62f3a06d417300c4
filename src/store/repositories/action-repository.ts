/**
 * The outbox of actions as the webhook dispatcher sees it: claim due
 * deliveries under a lease (SKIP LOCKED, so several dispatchers never take the
 * same row), then record the outcome. The lease means a dispatcher that dies
 * mid-delivery only delays the action; the receiver dedupes by idempotency key.
 */
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import type { DeliveredAck, OutboxDelivery } from "../../domain/actions.js";
import type { VigilDb } from "../database.js";
import { type ActionStatus, actions } from "../schema.js";

export type ActionRow = typeof actions.$inferSelect;

export type { OutboxDelivery };

export function toDelivery(row: ActionRow): OutboxDelivery {
  return {
    id: row.id,
    publicId: row.publicId,
    action: row.action,
    subject: { type: row.subjectType, id: row.subjectId },
    caseId: row.caseId === null ? null : String(row.caseId),
    reason: row.reason,
    idempotencyKey: row.idempotencyKey,
    attempts: row.attempts,
  };
}

export class ActionRepository {
  constructor(private readonly db: VigilDb) {}

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxDelivery[]> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const rows = await this.db
      .update(actions)
      .set({ leaseUntil })
      .where(
        sql`${actions.id} IN (
          SELECT id FROM actions
          WHERE status = 'pending' AND next_attempt_at <= ${now.toISOString()}
            AND (lease_until IS NULL OR lease_until < ${now.toISOString()})
          ORDER BY id LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)`,
      )
      .returning();
    return rows.sort((a, b) => a.id - b.id).map(toDelivery);
  }

  async markDelivered(id: number, at: Date, attempts: number, status: number): Promise<void> {
    await this.db
      .update(actions)
      .set({
        status: "delivered",
        deliveredAt: at,
        attempts,
        lastStatus: status,
        leaseUntil: null,
        lastError: null,
      })
      .where(eq(actions.id, id));
  }

  /** One UPDATE for many acknowledgements (VALUES list: portable across PGlite and node-postgres). */
  async markDeliveredMany(acks: readonly DeliveredAck[]): Promise<void> {
    for (let i = 0; i < acks.length; i += 1_000) {
      const values = sql.join(
        acks
          .slice(i, i + 1_000)
          .map(
            (a) =>
              sql`(${a.id}::bigint, ${a.at.toISOString()}::timestamptz, ${a.attempts}::int, ${a.status}::int)`,
          ),
        sql`, `,
      );
      await this.db.execute(sql`
        UPDATE actions SET status = 'delivered', delivered_at = v.at, attempts = v.attempts, last_status = v.status,
                           lease_until = NULL, last_error = NULL
          FROM (VALUES ${values}) AS v(id, at, attempts, status)
         WHERE actions.id = v.id`);
    }
  }

  async markFailed(
    id: number,
    attempts: number,
    nextAttemptAt: Date,
    error: string,
    status: number | null,
  ): Promise<void> {
    await this.db
      .update(actions)
      .set({
        attempts,
        nextAttemptAt,
        leaseUntil: null,
        lastError: error.slice(0, 2000),
        lastStatus: status,
      })
      // Only a pending row: a late report from a dispatcher whose lease ran out must not touch a delivered one.
      .where(and(eq(actions.id, id), eq(actions.status, "pending")));
  }

  async list(filter: { status?: ActionStatus; failing?: boolean; limit: number }): Promise<ActionRow[]> {
    const where: SQL[] = [];
    if (filter.status) where.push(eq(actions.status, filter.status));
    if (filter.failing) where.push(sql`${actions.attempts} > 0 AND ${actions.status} = 'pending'`);
    return this.db
      .select()
      .from(actions)
      .where(and(...where))
      .orderBy(desc(actions.id))
      .limit(filter.limit);
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.db
      .select({ status: actions.status, n: sql<number>`count(*)::int` })
      .from(actions)
      .groupBy(actions.status);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}
