/**
 * A claimed batch of decided events as the rows that record it (no I/O): subjects and the
 * ban-evasion probe per platform, reports, signals, one open case per (platform, subject,
 * queue) with this batch's reviews merged (highest priority wins), closed cases for
 * reports a rule closed, the moderation log and the outbox. The store's decision writer
 * executes the plan in one transaction.
 */
import { evasionProbe } from "../enforce/expansion/ban-evasion.js";
import type {
  DecidedEvent,
  DecisionPlan,
  PlannedAction,
  PlannedCase,
  PlannedClosedCase,
  PlannedModerationEvent,
} from "../store/repositories/decision-plan.js";
import type { reports } from "../store/schema.js";

/** The report part of a report.created payload (domain/event-schema.ts ReportFields, as stored). */
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

const caseKey = (platform: string, type: string, id: string, queue: string) =>
  `${platform}\n${type}\n${id}\n${queue}`;

export function planDecisions(claimed: DecidedEvent[]): DecisionPlan {
  return {
    notes: claimed.flatMap((d) => {
      if (!d.notes?.length) return [];
      const summary = d.notes.map((n) => `${n.field} ${n.url}: ${n.code}`).join("; ");
      return [
        { eventSeq: d.event.seq, notes: d.notes, error: `photo not checked: ${summary}`.slice(0, 2000) },
      ];
    }),
    subjects: [...new Set(claimed.map((d) => d.event.platform))].map((platform) => {
      const updates = claimed.filter((d) => d.event.platform === platform).map((d) => d.subjects);
      // Ban evasion (issue 10): patterns of banned accounts on the accounts just written open linked cases.
      return { platform, updates, evasionProbe: evasionProbe(updates) };
    }),
    reports: claimed.flatMap(reportRow),
    signals: claimed.flatMap((d) =>
      d.signals.map((s) => ({
        eventSeq: d.event.seq,
        subjectType: d.event.subjectType,
        subjectId: d.event.subjectId,
        kind: s.kind,
        score: s.kind === "text" ? s.score : s.distance,
        detail: s as unknown as Record<string, unknown>,
      })),
    ),
    cases: openCases(claimed),
    closedCases: closedCases(claimed),
    ...logAndOutbox(claimed),
  };
}

function reportRow(d: DecidedEvent): (typeof reports.$inferInsert)[] {
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
}

/** One open case per (platform, subject, queue): this batch's reviews merged, highest priority wins. */
function openCases(claimed: DecidedEvent[]): PlannedCase[] {
  const wanted = new Map<string, PlannedCase>();
  for (const d of claimed) {
    const report = d.event.type === "report.created";
    const { platform, subjectType, subjectId } = d.event;
    for (const r of d.decision.reviews) {
      if (r.autoClose) continue; // its own case, closed at once (closedCases)
      const key = caseKey(platform, subjectType, subjectId, r.queue);
      const prev = wanted.get(key);
      if (!prev || prev.priority < r.priority)
        wanted.set(key, {
          key,
          platform,
          subjectType,
          subjectId,
          queue: r.queue,
          priority: r.priority,
          raisedByReports: report,
        });
      else if (report) prev.raisedByReports = true;
    }
  }
  return [...wanted.values()];
}

function closedCases(claimed: DecidedEvent[]): PlannedClosedCase[] {
  return claimed.flatMap((d) => {
    const review = d.decision.reviews.find((r) => r.autoClose);
    if (!review) return [];
    const { platform, subjectType, subjectId } = d.event;
    return [
      {
        eventSeq: d.event.seq,
        platform,
        subjectType,
        subjectId,
        queue: review.queue,
        priority: review.priority,
      },
    ];
  });
}

function logAndOutbox(claimed: DecidedEvent[]): Pick<DecisionPlan, "moderation" | "actions"> {
  const moderation: PlannedModerationEvent[] = [];
  const actions: PlannedAction[] = [];
  for (const d of claimed) {
    const e = d.event;
    const base = {
      eventSeq: e.seq,
      platform: e.platform,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
    };
    const live = d.decision.verdicts.filter((v) => v.mode === "live");
    moderation.push({
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
      moderation.push({
        ...base,
        kind: "shadow",
        actor: `rule:${v.rule}@${v.version}`,
        detail: { wouldAct: v.actions, wouldReview: v.reviews, reason: v.reason },
      });
    }
    for (const r of d.decision.reviews) {
      const caseRef = r.autoClose
        ? { closedFor: e.seq }
        : { openCase: caseKey(e.platform, e.subjectType, e.subjectId, r.queue) };
      moderation.push({
        ...base,
        caseRef,
        kind: "enqueue",
        actor: "system",
        detail: { queue: r.queue, priority: r.priority },
      });
      // Closed by an operator's rule: logged, counted and listed (GET /v1/reports/auto-closed), never silent.
      if (r.autoClose)
        moderation.push({
          ...base,
          caseRef,
          kind: "close",
          actor: `rule:${r.autoClose.rule}`,
          detail: { auto_closed: true, reason: r.autoClose.reason },
        });
    }
    const reason = live.map((v) => v.reason).join("; ");
    for (const a of d.decision.actions) {
      const idempotencyKey = `event:${e.seq}:${a.action}:${a.subject.type}:${a.subject.id}`;
      actions.push({
        platform: e.platform,
        action: a.action,
        subjectType: a.subject.type,
        subjectId: a.subject.id,
        eventSeq: e.seq,
        reason: reason || "rule decision",
        idempotencyKey,
      });
      moderation.push({
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
  return { moderation, actions };
}

function floorDetail(d: DecidedEvent): Record<string, unknown> {
  const floor = d.decision.reviews.find((r) => r.reportFloor);
  return floor ? { report_routed: { queue: floor.queue, reason: floor.reportFloor?.reason } } : {};
}
