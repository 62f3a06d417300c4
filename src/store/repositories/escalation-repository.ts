/**
 * Escalation: a reviewer hands a case up to the lead or child-safety queue
 * with a reason. The log records it as the moves it is made of (a `release`
 * when the escalating reviewer held the claim, then an `enqueue` into the new
 * queue with `escalated_from` and the reason), so the status fold needs no new
 * kind. When the subject already has an open case in the target queue, the
 * escalated case is closed into it (`close` with `escalated_into`) rather than
 * breaking the one-open-case-per-queue rule.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import { nextCaseStatus } from "../../domain/case-status.js";
import type { VigilDb } from "../database.js";
import { auditLog, type CaseStatus, cases, moderationEvents } from "../schema.js";
import { CaseConflictError, CaseNotFoundError, type CaseRow } from "./case-repository.js";

export interface Escalation {
  actor: string;
  to: string;
  reason: string;
}

export interface Escalated {
  /** The case that now waits in the target queue (this one, or the subject's case already there). */
  case: CaseRow;
  mergedInto: number | null;
}

export class EscalationRepository {
  constructor(private readonly db: VigilDb) {}

  async escalate(id: number, escalation: Escalation): Promise<Escalated> {
    const { actor, to, reason } = escalation;
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(cases).where(eq(cases.id, id)).for("update");
      if (!row) throw new CaseNotFoundError(`no case ${id}`);
      if (row.status === "closed") throw new CaseConflictError(`case ${id} is closed`);
      if (row.queue === to) throw new CaseConflictError(`case ${id} is already in ${to}`);
      const lapsed = row.claimExpiresAt !== null && row.claimExpiresAt.getTime() < Date.now();
      if (row.status === "claimed" && row.claimedBy !== actor && !lapsed) {
        throw new CaseConflictError(`case ${id} is claimed by ${row.claimedBy}`);
      }
      const subject = { platform: row.platform, subjectType: row.subjectType, subjectId: row.subjectId };
      let status: CaseStatus = row.status;
      if (status === "claimed") {
        await tx.insert(moderationEvents).values({ caseId: id, ...subject, kind: "release", actor });
        status = nextCaseStatus(status, "release");
      }
      const [existing] = await tx
        .select()
        .from(cases)
        .where(
          and(
            eq(cases.platform, row.platform),
            eq(cases.subjectType, row.subjectType),
            eq(cases.subjectId, row.subjectId),
            eq(cases.queue, to),
            ne(cases.status, "closed"),
          ),
        )
        .for("update");
      const target = existing?.id ?? id;
      await tx.insert(moderationEvents).values({
        caseId: target,
        ...subject,
        kind: "enqueue",
        actor,
        detail: { queue: to, escalated_from: { case: id, queue: row.queue }, reason },
      });
      await tx.insert(auditLog).values({
        actor,
        action: "case.escalate",
        targetType: "case",
        targetId: String(id),
        detail: { from: row.queue, to, reason, ...(existing ? { merged_into: existing.id } : {}) },
      });
      if (existing) {
        await tx.insert(moderationEvents).values({
          caseId: id,
          ...subject,
          kind: "close",
          actor,
          detail: { escalated_into: existing.id, reason },
        });
        await tx
          .update(cases)
          .set({
            status: nextCaseStatus(status, "close"),
            claimedBy: null,
            claimExpiresAt: null,
            updatedAt: sql`now()`,
          })
          .where(eq(cases.id, id));
        return { case: existing, mergedInto: existing.id };
      }
      const [moved] = await tx
        .update(cases)
        .set({ queue: to, status, claimedBy: null, claimExpiresAt: null, updatedAt: sql`now()` })
        .where(eq(cases.id, id))
        .returning();
      return { case: moved, mergedInto: null };
    });
  }
}
