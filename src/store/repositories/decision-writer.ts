/**
 * Writes a batch of decided events in one transaction: what the events say
 * about subjects, their signals, the moderation log, cases and the outbox of
 * actions, and the events' own status. Either all of it commits or none does,
 * so a crash leaves the events pending and they are decided again on restart;
 * an event some other worker decided meanwhile is skipped (its status is no
 * longer pending), and the one-decision index refuses a second decision.
 */
import { randomBytes } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Decision } from "../../domain/decisions.js";
import type { EventNote } from "../../domain/events.js";
import type { Signal } from "../../domain/signals.js";
import { evasionProbe } from "../../enforce/expansion/ban-evasion.js";
import type { VigilDb } from "../database.js";
import { actions, cases, events, moderationEvents, reports, signals } from "../schema.js";
import { findEvasions, openEvasionCases } from "./ban-evasion-repository.js";
import type { StoredEvent } from "./event-repository.js";
import { joinOpenCases, openClosedReportCases, reportRaisedPriority } from "./report-cases.js";
import { type SubjectUpdates, writeSubjects } from "./subject-writer.js";

export interface DecidedEvent {
  event: StoredEvent;
  signals: Signal[];
  decision: Decision;
  subjects: SubjectUpdates;
  /** What processing could not do (a refused photo URL), kept on the event. */
  notes?: EventNote[];
}

/** The report part of a report.created payload (intake/event-schema.ts ReportFields, as stored). */
interface ReportPayload {
  source: (typeof reports.$inferInsert)["source"];
  reporter?: Record<string, unknown>;
  /** Sealed at intake (domain/personal-fields.ts): the reporter as JSON, and the text; copied sealed. */
  reporter_sealed?: string;
  text_sealed?: string;
  subject: { type: (typeof reports.$inferInsert)["subjectType"]; id: string };
  reason: string;
  text?: string;
  language?: string;
  attachments?: string[];
}

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

export async function writeDecisions(db: VigilDb, batch: DecidedEvent[]): Promise<WrittenDecisions> {
  if (batch.length === 0) return { decided: [], actionsQueued: 0, casesTouched: 0 };
  return db.transaction(async (tx) => {
    // Claim the events first: only those still pending are written, so a concurrent worker's work is never doubled.
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
    const claimedBatch = claimed
      .map((r) => bySeq.get(r.seq) as DecidedEvent)
      .sort((a, b) => a.event.seq - b.event.seq);
    if (claimedBatch.length === 0) return { decided: [], actionsQueued: 0, casesTouched: 0 };
    for (const d of claimedBatch) {
      if (!d.notes?.length) continue;
      const summary = d.notes.map((n) => `${n.field} ${n.url}: ${n.code}`).join("; ");
      await tx
        .update(events)
        .set({ notes: d.notes, error: `photo not checked: ${summary}`.slice(0, 2000) })
        .where(eq(events.seq, d.event.seq));
    }
    // Reports no rule routed join their subject's open case where one fits (report-cases.ts).
    const mine = await joinOpenCases(tx as unknown as VigilDb, claimedBatch);

    const platforms = [...new Set(mine.map((d) => d.event.platform))];
    for (const platform of platforms) {
      await writeSubjects(
        tx as unknown as VigilDb,
        platform,
        mine.filter((d) => d.event.platform === platform).map((d) => d.subjects),
      );
      // Ban evasion (issue 10): patterns of banned accounts on the accounts just written open linked cases.
      const probe = evasionProbe(mine.filter((d) => d.event.platform === platform).map((d) => d.subjects));
      await openEvasionCases(
        tx as unknown as VigilDb,
        platform,
        await findEvasions(tx as unknown as VigilDb, platform, probe),
      );
    }

    const reportRows = mine.flatMap((d) => {
      const report = (d.event.payload as { report?: ReportPayload }).report;
      if (d.event.type !== "report.created" || !report) return [];
      return [
        {
          publicId: `${d.event.platform}/${d.event.clientId}`,
          platform: d.event.platform,
          source: report.source,
          reporter: report.reporter_sealed ? { sealed: report.reporter_sealed } : (report.reporter ?? null),
          subjectType: report.subject.type,
          subjectId: report.subject.id,
          reason: report.reason,
          text: report.text_sealed ?? report.text ?? null,
          language: report.language ?? null,
          attachments: report.attachments ?? [],
          eventSeq: d.event.seq,
        },
      ];
    });
    await insertChunked(reportRows, (chunk) => tx.insert(reports).values(chunk).onConflictDoNothing());

    const signalRows = mine.flatMap((d) =>
      d.signals.map((s) => ({
        eventSeq: d.event.seq,
        subjectType: d.event.subjectType,
        subjectId: d.event.subjectId,
        kind: s.kind,
        score: s.kind === "text" ? s.score : s.distance,
        detail: s as unknown as Record<string, unknown>,
      })),
    );
    await insertChunked(signalRows, (chunk) => tx.insert(signals).values(chunk));

    // One open case per (platform, subject, queue): merge this batch's reviews first, highest priority wins.
    type Wanted = { platform: string; d: DecidedEvent; queue: string; priority: number; report: boolean };
    const wanted = new Map<string, Wanted>();
    for (const d of mine) {
      const report = d.event.type === "report.created";
      for (const r of d.decision.reviews) {
        if (r.autoClose) continue; // its own case, closed at once (openClosedReportCases)
        const key = `${d.event.platform}\n${d.event.subjectType}\n${d.event.subjectId}\n${r.queue}`;
        const prev = wanted.get(key);
        if (!prev || prev.priority < r.priority)
          wanted.set(key, { platform: d.event.platform, d, queue: r.queue, priority: r.priority, report });
        else if (report) prev.report = true;
      }
    }
    const caseIds = new Map<string, number>();
    const wantedList = [...wanted.values()];
    for (let i = 0; i < wantedList.length; i += CHUNK) {
      const rows = await tx
        .insert(cases)
        .values(
          wantedList.slice(i, i + CHUNK).map((w) => ({
            platform: w.platform,
            subjectType: w.d.event.subjectType,
            subjectId: w.d.event.subjectId,
            queue: w.queue,
            // Many reports about one subject raise its case (issue 16).
            priority: w.report
              ? reportRaisedPriority(w.priority, w.platform, w.d.event.subjectType, w.d.event.subjectId)
              : w.priority,
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

    const autoClosed = await openClosedReportCases(tx as unknown as VigilDb, mine);
    const moderationRows: (typeof moderationEvents.$inferInsert)[] = [];
    const actionRows: (typeof actions.$inferInsert)[] = [];
    for (const d of mine) {
      const e = d.event;
      const base = {
        eventSeq: e.seq,
        platform: e.platform,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
      };
      const live = d.decision.verdicts.filter((v) => v.mode === "live");
      moderationRows.push({
        ...base,
        kind: "decide",
        actor: live.length > 0 ? live.map((v) => `rule:${v.rule}@${v.version}`).join(",") : "system",
        detail: {
          decision: d.decision.kind,
          rules: live.map((v) => ({ rule: v.rule, version: v.version, reason: v.reason })),
          signals: d.signals.length,
          // A report no rule routed: where its reason (or the subject's open case) sent it.
          ...floorDetail(d),
        },
      });
      for (const v of d.decision.verdicts.filter((x) => x.mode === "shadow")) {
        moderationRows.push({
          ...base,
          kind: "shadow",
          actor: `rule:${v.rule}@${v.version}`,
          detail: { wouldAct: v.actions, wouldReview: v.reviews, reason: v.reason },
        });
      }
      for (const r of d.decision.reviews) {
        const caseId = r.autoClose
          ? autoClosed.get(e.seq)
          : caseIds.get(`${e.platform}\n${e.subjectType}\n${e.subjectId}\n${r.queue}`);
        moderationRows.push({
          ...base,
          caseId,
          kind: "enqueue",
          actor: "system",
          detail: { queue: r.queue, priority: r.priority },
        });
        // Closed by an operator's rule: logged, counted and listed (GET /v1/reports/auto-closed), never silent.
        if (r.autoClose)
          moderationRows.push({
            ...base,
            caseId,
            kind: "close",
            actor: `rule:${r.autoClose.rule}`,
            detail: { auto_closed: true, reason: r.autoClose.reason },
          });
      }
      const reason = live.map((v) => v.reason).join("; ");
      for (const a of d.decision.actions) {
        const idempotencyKey = `event:${e.seq}:${a.action}:${a.subject.type}:${a.subject.id}`;
        actionRows.push({
          publicId: newPublicId("act"),
          platform: e.platform,
          action: a.action,
          subjectType: a.subject.type,
          subjectId: a.subject.id,
          eventSeq: e.seq,
          reason: reason || "rule decision",
          idempotencyKey,
        });
        moderationRows.push({
          eventSeq: e.seq,
          platform: e.platform,
          subjectType: a.subject.type,
          subjectId: a.subject.id,
          kind: "act",
          actor: "system",
          detail: { action: a.action, idempotencyKey },
        });
      }
    }
    // The "decide" rows go first: if the one-decision index refuses one, nothing of this batch is written.
    await insertChunked(moderationRows, (chunk) => tx.insert(moderationEvents).values(chunk));
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

function floorDetail(d: DecidedEvent): Record<string, unknown> {
  const floor = d.decision.reviews.find((r) => r.reportFloor);
  return floor ? { report_routed: { queue: floor.queue, reason: floor.reportFloor?.reason } } : {};
}
