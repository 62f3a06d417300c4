/**
 * The dashboard's answer (issue 6, point 8) as a zod schema, its period
 * query, and the same figures as CSV, so the chart, the table and the export
 * can never disagree: all three come from one DashboardFigures.
 */
import { z } from "zod";
import type { DashboardFigures } from "../store/repositories/dashboard-repository.js";
import { ApiError } from "./errors.js";

const DAY_MS = 86_400_000;
/** A year of days is the most a chart (and one aggregate pass) is asked for. */
const MAX_PERIOD_MS = 366 * DAY_MS;

export const DashboardQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** The period asked for: the last 7 days by default; from must precede to, within a year. */
export function dashboardPeriod(
  query: z.infer<typeof DashboardQuery>,
  now = Date.now(),
): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : new Date(now);
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 7 * DAY_MS);
  if (from.getTime() >= to.getTime()) throw new ApiError("InvalidRequest", "from must be before to");
  if (to.getTime() - from.getTime() > MAX_PERIOD_MS)
    throw new ApiError("InvalidRequest", "the period is at most 366 days");
  return { from, to };
}

const seconds = z.number().nullable();

export const DashboardView = z.object({
  from: z.string(),
  to: z.string(),
  totals: z.object({
    events_in: z.number(),
    cases_opened: z.number(),
    cases_closed: z.number(),
    automatic_decisions: z.number(),
    human_decisions: z.number(),
    median_seconds_to_action: seconds,
  }),
  days: z.array(
    z.object({ day: z.string(), events_in: z.number(), cases_opened: z.number(), cases_closed: z.number() }),
  ),
  actions_by_type: z.array(z.object({ action: z.string(), automatic: z.number(), human: z.number() })),
  reports_by_source: z.array(z.object({ source: z.string(), count: z.number() })),
  queues: z.array(
    z.object({
      queue: z.string(),
      opened: z.number(),
      decided: z.number(),
      median_seconds_to_action: seconds,
    }),
  ),
  reviewers: z.array(
    z.object({ reviewer: z.string(), decisions: z.number(), median_seconds_to_action: seconds }),
  ),
});
export type DashboardView = z.infer<typeof DashboardView>;

export function dashboardView(period: { from: Date; to: Date }, f: DashboardFigures): DashboardView {
  return {
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    totals: {
      events_in: f.totals.eventsIn,
      cases_opened: f.totals.casesOpened,
      cases_closed: f.totals.casesClosed,
      automatic_decisions: f.totals.automaticDecisions,
      human_decisions: f.totals.humanDecisions,
      median_seconds_to_action: f.totals.medianSecondsToAction,
    },
    days: f.days.map((d) => ({
      day: d.day,
      events_in: d.eventsIn,
      cases_opened: d.casesOpened,
      cases_closed: d.casesClosed,
    })),
    actions_by_type: f.actionsByType,
    reports_by_source: f.reportsBySource,
    queues: f.queues.map((q) => ({
      queue: q.queue,
      opened: q.opened,
      decided: q.closed,
      median_seconds_to_action: q.medianSecondsToAction,
    })),
    reviewers: f.reviewers.map((r) => ({
      reviewer: r.reviewer,
      decisions: r.decisions,
      median_seconds_to_action: r.medianSecondsToAction,
    })),
  };
}

/** RFC 4180 cell; a leading =, +, - or @ is prefixed so a spreadsheet never runs it as a formula (OWASP CSV injection). */
function cell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One long table: section, key, metric, value; every figure the page shows, and only those. */
export function dashboardCsv(v: DashboardView): string {
  const rows: (string | number | null)[][] = [["section", "key", "metric", "value"]];
  rows.push(["period", "from", "", v.from], ["period", "to", "", v.to]);
  for (const [metric, value] of Object.entries(v.totals)) rows.push(["totals", "", metric, value]);
  for (const d of v.days) {
    rows.push(["day", d.day, "events_in", d.events_in], ["day", d.day, "cases_opened", d.cases_opened]);
    rows.push(["day", d.day, "cases_closed", d.cases_closed]);
  }
  for (const a of v.actions_by_type)
    rows.push(["action", a.action, "automatic", a.automatic], ["action", a.action, "human", a.human]);
  for (const r of v.reports_by_source) rows.push(["reports_by_source", r.source, "count", r.count]);
  for (const q of v.queues) {
    rows.push(["queue", q.queue, "opened", q.opened], ["queue", q.queue, "decided", q.decided]);
    rows.push(["queue", q.queue, "median_seconds_to_action", q.median_seconds_to_action]);
  }
  for (const r of v.reviewers) {
    rows.push(["reviewer", r.reviewer, "decisions", r.decisions]);
    rows.push(["reviewer", r.reviewer, "median_seconds_to_action", r.median_seconds_to_action]);
  }
  return `${rows.map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}
