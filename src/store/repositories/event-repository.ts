/** Platform events: accepted once per (platform, id), processed in arrival order, recovered after a crash. */
import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import type { EventType } from "../../domain/events.js";
import { sealEventPayload } from "../../domain/personal-fields.js";
import type { SubjectType } from "../../domain/subjects.js";
import type { VigilDb } from "../database.js";
import { events } from "../schema.js";

export type StoredEvent = typeof events.$inferSelect;

export interface NewEvent {
  platform: string;
  clientId: string;
  type: EventType;
  occurredAt: Date;
  subjectType: SubjectType;
  subjectId: string;
  payload: Record<string, unknown>;
}

/** Per event of the batch, in order: its seq when newly stored, null when the id was seen before. */
export type InsertOutcome = number | null;

const INSERT_BATCH = 500;

export interface PendingEventRef {
  seq: number;
  platform: string;
  subjectType: SubjectType;
  subjectId: string;
}

export class EventRepository {
  /**
   * `seal`: the field cipher's seal; personal fields of every payload are
   * sealed with it before they reach the database (domain/personal-fields.ts).
   */
  constructor(
    private readonly db: VigilDb,
    private readonly seal?: (plaintext: string) => string,
  ) {}

  /**
   * Stores new events in one transaction (all or none: a 202 promises every
   * accepted event is durable). A (platform, id) already stored, or repeated in
   * the batch, is a duplicate: the unique index decides, so concurrent requests
   * cannot both accept it.
   */
  async insert(unsealed: NewEvent[]): Promise<InsertOutcome[]> {
    const seal = this.seal;
    const batch = seal
      ? unsealed.map((e) => ({ ...e, payload: sealEventPayload(e.payload, seal) }))
      : unsealed;
    const seqByKey = new Map<string, number>();
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < batch.length; i += INSERT_BATCH) {
        const rows = await tx
          .insert(events)
          .values(batch.slice(i, i + INSERT_BATCH))
          .onConflictDoNothing()
          .returning({ seq: events.seq, platform: events.platform, clientId: events.clientId });
        for (const r of rows) seqByKey.set(`${r.platform}\n${r.clientId}`, r.seq);
      }
    });
    const claimed = new Set<string>();
    return batch.map((e) => {
      const key = `${e.platform}\n${e.clientId}`;
      const seq = seqByKey.get(key);
      if (seq === undefined || claimed.has(key)) return null;
      claimed.add(key);
      return seq;
    });
  }

  async pendingSeqs(limit = 1_000_000): Promise<number[]> {
    const rows = await this.db
      .select({ seq: events.seq })
      .from(events)
      .where(eq(events.status, "pending"))
      .orderBy(asc(events.seq))
      .limit(limit);
    return rows.map((r) => r.seq);
  }

  /** Events pending since before `receivedBefore`: accepted, but their queue message may be lost. */
  async pendingSince(receivedBefore: Date, limit: number): Promise<number[]> {
    const rows = await this.db
      .select({ seq: events.seq })
      .from(events)
      .where(and(eq(events.status, "pending"), lt(events.receivedAt, receivedBefore)))
      .orderBy(asc(events.seq))
      .limit(limit);
    return rows.map((r) => r.seq);
  }

  /** Pending events with what names their subject (for partitioned queues), oldest first; `receivedBefore` limits to older ones. */
  async pendingRefs(limit: number, receivedBefore?: Date): Promise<PendingEventRef[]> {
    return this.db
      .select({
        seq: events.seq,
        platform: events.platform,
        subjectType: events.subjectType,
        subjectId: events.subjectId,
      })
      .from(events)
      .where(
        receivedBefore
          ? and(eq(events.status, "pending"), lt(events.receivedAt, receivedBefore))
          : eq(events.status, "pending"),
      )
      .orderBy(asc(events.seq))
      .limit(limit);
  }

  /** The still-pending events among these, in seq order. */
  async loadPending(seqs: number[]): Promise<StoredEvent[]> {
    if (seqs.length === 0) return [];
    return this.db
      .select()
      .from(events)
      .where(and(inArray(events.seq, seqs), eq(events.status, "pending")))
      .orderBy(asc(events.seq));
  }

  /**
   * The still-pending events among these, and every older pending event of the same subjects, in
   * seq order. An older one whose message was lost or republished late (a publish that failed
   * after its commit) is decided here, before the newer events of its subject, not after them.
   */
  async loadPendingInSubjectOrder(seqs: number[]): Promise<StoredEvent[]> {
    const batch = await this.loadPending(seqs);
    if (batch.length === 0) return batch;
    const upto = new Map<string, { platform: string; type: string; id: string; seq: number }>();
    for (const e of batch) {
      const key = `${e.platform}\n${e.subjectType}\n${e.subjectId}`;
      const seen = upto.get(key);
      if (!seen || seen.seq < e.seq)
        upto.set(key, { platform: e.platform, type: e.subjectType, id: e.subjectId, seq: e.seq });
    }
    const subjects = [...upto.values()];
    const older = await this.db
      .select()
      .from(events)
      .where(
        and(
          eq(events.status, "pending"),
          sql`${events.seq} <> ALL(${sql.param(batch.map((e) => e.seq))}::bigint[])`,
          sql`EXISTS (SELECT 1 FROM unnest(
            ${sql.param(subjects.map((s) => s.platform))}::text[],
            ${sql.param(subjects.map((s) => s.type))}::text[],
            ${sql.param(subjects.map((s) => s.id))}::text[],
            ${sql.param(subjects.map((s) => s.seq))}::bigint[]) AS b(platform, subject_type, subject_id, upto)
            WHERE b.platform = ${events.platform} AND b.subject_type = ${events.subjectType}
              AND b.subject_id = ${events.subjectId} AND ${events.seq} < b.upto)`,
        ),
      );
    if (older.length === 0) return batch;
    return [...older, ...batch].sort((a, b) => a.seq - b.seq);
  }

  async find(platform: string, clientId: string): Promise<StoredEvent | null> {
    const [row] = await this.db
      .select()
      .from(events)
      .where(and(eq(events.platform, platform), eq(events.clientId, clientId)));
    return row ?? null;
  }

  /** Counts one failed processing attempt; after `maxAttempts` the event is parked as failed (visible, not retried). */
  async recordFailure(seq: number, error: string, maxAttempts: number): Promise<void> {
    await this.db
      .update(events)
      .set({
        attempts: sql`${events.attempts} + 1`,
        error: error.slice(0, 2000),
        status: sql`CASE WHEN ${events.attempts} + 1 >= ${maxAttempts} THEN 'failed' ELSE 'pending' END`,
      })
      .where(and(eq(events.seq, seq), eq(events.status, "pending")));
  }

  /** Accepted and not yet decided: the lag backpressure is measured by (counted on the partial index events_pending). */
  async pendingCount(): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(events)
      .where(eq(events.status, "pending"));
    return row?.n ?? 0;
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.db
      .select({ status: events.status, n: sql<number>`count(*)::int` })
      .from(events)
      .groupBy(events.status);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}
