/**
 * The writer's part of "no report is lost" (issue 16): a report no rule routed
 * joins its subject's open case when it has one (domain/report-reasons.ts
 * joinableQueue), else opens a case in its reason's queue; and a case a report
 * touches is raised by how many reports its subject has (counted in the same
 * transaction, this batch's reports included).
 */
import { type SQL, sql } from "drizzle-orm";
import type { PlannedReview } from "../../domain/decisions.js";
import { joinableQueue, REPORT_COUNT_PRIORITY } from "../../domain/report-reasons.js";
import type { VigilDb } from "../database.js";
import { cases } from "../schema.js";
import type { DecidedEvent, PlannedClosedCase } from "./decision-plan.js";

const key = (platform: string, type: string, id: string) => `${platform}\n${type}\n${id}`;

/** The batch with each report-floor review moved to the subject's open case where one fits. */
export async function joinOpenCases(tx: VigilDb, batch: DecidedEvent[]): Promise<DecidedEvent[]> {
  const floors = batch.filter((d) => d.decision.reviews.some((r) => r.reportFloor));
  if (floors.length === 0) return batch;
  const platforms = floors.map((d) => d.event.platform);
  const types = floors.map((d) => d.event.subjectType);
  const ids = floors.map((d) => d.event.subjectId);
  const result = (await tx.execute(sql`
    SELECT c.platform, c.subject_type, c.subject_id, c.queue, c.priority
    FROM cases c
    JOIN unnest(${sql.param(platforms)}::text[], ${sql.param(types)}::text[], ${sql.param(ids)}::text[])
      AS s(platform, subject_type, subject_id)
      ON c.platform = s.platform AND c.subject_type = s.subject_type AND c.subject_id = s.subject_id
    WHERE c.status <> 'closed'`)) as unknown as { rows: Record<string, unknown>[] };
  const open = new Map<string, { queue: string; priority: number }[]>();
  for (const r of result.rows) {
    const k = key(String(r.platform), String(r.subject_type), String(r.subject_id));
    open.set(k, [...(open.get(k) ?? []), { queue: String(r.queue), priority: Number(r.priority) }]);
  }
  return batch.map((d) => {
    const cases = open.get(key(d.event.platform, d.event.subjectType, d.event.subjectId)) ?? [];
    if (cases.length === 0 || !d.decision.reviews.some((r) => r.reportFloor)) return d;
    const reviews: PlannedReview[] = d.decision.reviews.map((r) => {
      // A report a rule closes automatically gets its own case, closed at once: it joins nothing.
      const queue = r.reportFloor && !r.autoClose ? joinableQueue(r.reportFloor.reason, cases) : undefined;
      return queue ? { ...r, queue } : r;
    });
    return { ...d, decision: { ...d.decision, reviews } };
  });
}

/** A report's case priority: its review's, raised per further report about the subject (capped at 100). */
export function reportRaisedPriority(base: number, platform: string, type: string, id: string): SQL {
  const { step, maxBonus } = REPORT_COUNT_PRIORITY;
  return sql`least(100, ${base}::int + least(${maxBonus}::int, ${step}::int * greatest(0, (
    SELECT count(*) FROM reports r
    WHERE r.platform = ${platform} AND r.subject_type = ${type} AND r.subject_id = ${id})::int - 1)))`;
}

/** Cases for reports an operator's rule closes automatically: inserted already closed, one per report event. */
export async function openClosedReportCases(
  tx: VigilDb,
  planned: PlannedClosedCase[],
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const c of planned) {
    const [row] = await tx
      .insert(cases)
      .values({
        platform: c.platform,
        subjectType: c.subjectType,
        subjectId: c.subjectId,
        queue: c.queue,
        priority: c.priority,
        status: "closed",
      })
      .returning({ id: cases.id });
    out.set(c.eventSeq, row.id);
  }
  return out;
}
