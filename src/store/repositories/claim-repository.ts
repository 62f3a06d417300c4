/**
 * "Start reviewing": hands the next case of a queue to one reviewer under an
 * expiring claim. The database settles who gets which case: the candidate row
 * is locked with FOR UPDATE SKIP LOCKED, so concurrent reviewers each lock a
 * different case instead of waiting for or sharing one, and a claim whose
 * time has run out is simply eligible again.
 */
import { and, asc, desc, eq, gt, isNotNull, lt, or, type SQL, sql } from "drizzle-orm";
import { nextCaseStatus } from "../../domain/case-status.js";
import type { VigilDb } from "../database.js";
import { cases, moderationEvents, type QueueSort, reports } from "../schema.js";
import type { CaseRow } from "./case-repository.js";
import { CaseConflictError, CaseNotFoundError } from "./case-repository.js";

/** Open, or claimed by someone whose claim has lapsed. */
function claimable(): SQL {
  return or(
    eq(cases.status, "open"),
    and(eq(cases.status, "claimed"), isNotNull(cases.claimExpiresAt), lt(cases.claimExpiresAt, sql`now()`)),
  ) as SQL;
}

/** A subject's reports, counted through the reports_subject index. */
const REPORT_COUNT = sql`(SELECT count(*) FROM ${reports} WHERE ${reports.platform} = ${cases.platform} AND ${reports.subjectType} = ${cases.subjectType} AND ${reports.subjectId} = ${cases.subjectId})`;

/** The queue's order: priority then age (the default), or the most-reported subject first, then the same. */
export function nextCaseOrder(sort: QueueSort): SQL[] {
  const byPriority = [desc(cases.priority), asc(cases.createdAt), asc(cases.id)];
  return sort === "reports" ? [sql`${REPORT_COUNT} DESC`, ...byPriority] : byPriority;
}

export class ClaimRepository {
  constructor(private readonly db: VigilDb) {}

  /**
   * The case this actor already holds in the queue (claim extended), else the
   * next claimable one by priority then age; null when the queue is empty.
   */
  async claimNext(
    queue: string,
    actor: string,
    ttlSeconds: number,
    sort: QueueSort = "priority",
  ): Promise<CaseRow | null> {
    return this.db.transaction(async (tx) => {
      const expires = sql`now() + make_interval(secs => ${ttlSeconds})`;
      const [held] = await tx
        .update(cases)
        .set({ claimExpiresAt: expires, updatedAt: sql`now()` })
        .where(
          and(
            eq(cases.queue, queue),
            eq(cases.status, "claimed"),
            eq(cases.claimedBy, actor),
            gt(cases.claimExpiresAt, sql`now()`),
          ),
        )
        .returning();
      if (held) return held;
      const [next] = await tx
        .select()
        .from(cases)
        .where(and(eq(cases.queue, queue), claimable()))
        .orderBy(...nextCaseOrder(sort))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!next) return null;
      return this.take(tx, next, actor, ttlSeconds);
    });
  }

  /** Claims one named case (opening it from a list); someone else's live claim is a conflict. */
  async claim(id: number, actor: string, ttlSeconds: number): Promise<CaseRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(cases).where(eq(cases.id, id)).for("update");
      if (!row) throw new CaseNotFoundError(`no case ${id}`);
      if (row.status === "closed") throw new CaseConflictError(`case ${id} is closed`);
      const lapsed = row.claimExpiresAt !== null && row.claimExpiresAt.getTime() < Date.now();
      if (row.status === "claimed" && row.claimedBy !== actor && !lapsed) {
        throw new CaseConflictError(`case ${id} is claimed by ${row.claimedBy}`);
      }
      return this.take(tx, row, actor, ttlSeconds);
    });
  }

  /** Gives a claim back so the case returns to its queue at once. */
  async release(id: number, actor: string): Promise<CaseRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(cases).where(eq(cases.id, id)).for("update");
      if (!row) throw new CaseNotFoundError(`no case ${id}`);
      if (row.status !== "claimed" || row.claimedBy !== actor) {
        throw new CaseConflictError(`case ${id} is not claimed by ${actor}`);
      }
      await tx.insert(moderationEvents).values({
        caseId: id,
        platform: row.platform,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        kind: "release",
        actor,
      });
      const [updated] = await tx
        .update(cases)
        .set({
          status: nextCaseStatus(row.status, "release"),
          claimedBy: null,
          claimExpiresAt: null,
          updatedAt: sql`now()`,
        })
        .where(eq(cases.id, id))
        .returning();
      return updated;
    });
  }

  private async take(tx: VigilDb, row: CaseRow, actor: string, ttlSeconds: number): Promise<CaseRow> {
    await tx.insert(moderationEvents).values({
      caseId: row.id,
      platform: row.platform,
      subjectType: row.subjectType,
      subjectId: row.subjectId,
      kind: "claim",
      actor,
      // A lapsed claim taken over says whose it was, for the case's history.
      detail: row.status === "claimed" && row.claimedBy !== actor ? { lapsed_claim_of: row.claimedBy } : {},
    });
    const [updated] = await tx
      .update(cases)
      .set({
        status: nextCaseStatus(row.status, "claim"),
        claimedBy: actor,
        claimExpiresAt: sql`now() + make_interval(secs => ${ttlSeconds})`,
        updatedAt: sql`now()`,
      })
      .where(eq(cases.id, row.id))
      .returning();
    return updated;
  }
}
