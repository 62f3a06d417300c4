/**
 * Writes a batch of decided events in one transaction: what the events say
 * about subjects, their signals, the moderation log, cases and the outbox of
 * actions, and the events' own status. Either all of it commits or none does,
 * so a crash leaves the events pending and they are decided again on restart;
 * an event some other worker decided meanwhile is skipped (its status is no
 * longer pending), and the one-decision index refuses a second decision.
 * Which rows to write is a pure plan made by the caller (pipeline/plan-decisions.ts);
 * this module claims the events, asks for the plan and executes it.
 */
import { randomBytes } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { actions, cases, events, moderationEvents, reports, signals } from "../schema.js";
import { findEvasions, openEvasionCases } from "./ban-evasion-repository.js";
import type { CaseRef, DecidedEvent, DecisionPlan, PlanDecisions } from "./decision-plan.js";
import { joinOpenCases, openClosedReportCases, reportRaisedPriority } from "./report-cases.js";
import { writeSubjects } from "./subject-writer.js";

export type { DecidedEvent, PlanDecisions } from "./decision-plan.js";

export interface WrittenDecisions {
  /** Events this call decided (others were already decided and were skipped). */
  decided: number[];
  actionsQueued: number;
  casesTouched: number;
}

export function newPublicId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("base64url")}`;
}

const CHUNK = 500;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export async function writeDecisions(
  db: VigilDb,
  batch: DecidedEvent[],
  plan: PlanDecisions,
): Promise<WrittenDecisions> {
  if (batch.length === 0) return { decided: [], actionsQueued: 0, casesTouched: 0 };
  return db.transaction(async (txDb) => {
    const tx = txDb as unknown as VigilDb;
    const claimedBatch = await claimPending(tx, batch);
    if (claimedBatch.length === 0) return { decided: [], actionsQueued: 0, casesTouched: 0 };
    // Reports no rule routed join their subject's open case where one fits (report-cases.ts).
    const mine = await joinOpenCases(tx, claimedBatch);
    const planned = plan(mine);
    for (const note of planned.notes) {
      await tx
        .update(events)
        .set({ notes: note.notes, error: note.error })
        .where(eq(events.seq, note.eventSeq));
    }
    for (const { platform, updates, evasionProbe } of planned.subjects) {
      await writeSubjects(tx, platform, updates);
      await openEvasionCases(tx, platform, await findEvasions(tx, platform, evasionProbe));
    }
    await insertChunked(planned.reports, (chunk) => tx.insert(reports).values(chunk).onConflictDoNothing());
    await insertChunked(planned.signals, (chunk) => tx.insert(signals).values(chunk));
    const caseIds = await upsertOpenCases(tx, planned);
    const autoClosed = await openClosedReportCases(tx, planned.closedCases);
    const caseIdOf = (ref: CaseRef): number | undefined =>
      "openCase" in ref ? caseIds.get(ref.openCase) : autoClosed.get(ref.closedFor);
    const moderationRows = planned.moderation.map(({ caseRef, ...row }) =>
      caseRef ? { ...row, caseId: caseIdOf(caseRef) } : row,
    );
    // The "decide" rows go first: if the one-decision index refuses one, nothing of this batch is written.
    await insertChunked(moderationRows, (chunk) => tx.insert(moderationEvents).values(chunk));
    const actionRows = planned.actions.map((a) => ({ publicId: newPublicId("act"), ...a }));
    let actionsQueued = 0;
    for (let i = 0; i < actionRows.length; i += CHUNK) {
      const rows = await tx
        .insert(actions)
        .values(actionRows.slice(i, i + CHUNK))
        .onConflictDoNothing({ target: actions.idempotencyKey })
        .returning({ id: actions.id });
      actionsQueued += rows.length;
    }
    return { decided: mine.map((d) => d.event.seq), actionsQueued, casesTouched: caseIds.size };
  });
}

/** Claims the events still pending, in seq order: a concurrent worker's work is never doubled. */
async function claimPending(tx: VigilDb, batch: DecidedEvent[]): Promise<DecidedEvent[]> {
  const bySeq = new Map(batch.map((d) => [d.event.seq, d]));
  // The decision kind rides along: events not acting or reviewing (most of them) need no list.
  const actSeqs = batch.filter((d) => d.decision.kind === "act").map((d) => d.event.seq);
  const reviewSeqs = batch.filter((d) => d.decision.kind === "review").map((d) => d.event.seq);
  const decisionKind = sql`CASE WHEN ${events.seq} = ANY(${sql.param(actSeqs)}::bigint[]) THEN 'act'
    WHEN ${events.seq} = ANY(${sql.param(reviewSeqs)}::bigint[]) THEN 'review' ELSE 'none' END`;
  const claimed = await tx
    .update(events)
    .set({
      status: "decided",
      decidedAt: sql`now()`,
      attempts: sql`${events.attempts} + 1`,
      decision: decisionKind,
    })
    .where(and(inArray(events.seq, [...bySeq.keys()]), eq(events.status, "pending")))
    .returning({ seq: events.seq });
  return claimed.map((r) => bySeq.get(r.seq) as DecidedEvent).sort((a, b) => a.event.seq - b.event.seq);
}

/** One open case per planned key (an existing open one is raised, never lowered); ids by key. */
async function upsertOpenCases(tx: VigilDb, planned: DecisionPlan): Promise<Map<string, number>> {
  const caseIds = new Map<string, number>();
  for (let i = 0; i < planned.cases.length; i += CHUNK) {
    const rows = await tx
      .insert(cases)
      .values(
        planned.cases.slice(i, i + CHUNK).map((c) => ({
          platform: c.platform,
          subjectType: c.subjectType,
          subjectId: c.subjectId,
          queue: c.queue,
          // Many reports about one subject raise its case (issue 16).
          priority: c.raisedByReports
            ? reportRaisedPriority(c.priority, c.platform, c.subjectType, c.subjectId)
            : c.priority,
        })),
      )
      .onConflictDoUpdate({
        target: [cases.platform, cases.subjectType, cases.subjectId, cases.queue],
        targetWhere: sql`status <> 'closed'`,
        set: { priority: sql`greatest(${cases.priority}, excluded.priority)`, updatedAt: sql`now()` },
      })
      .returning({
        id: cases.id,
        platform: cases.platform,
        subjectType: cases.subjectType,
        subjectId: cases.subjectId,
        queue: cases.queue,
      });
    for (const r of rows) caseIds.set(`${r.platform}\n${r.subjectType}\n${r.subjectId}\n${r.queue}`, r.id);
  }
  return caseIds;
}
