/**
 * The dashboard's figures for a period [from, to), each computed by one
 * aggregate query (counts never leave the database as rows). Definitions:
 * - events in: platform events received;
 * - cases opened: cases created; cases closed: `decide`/`close` moderation
 *   events on a case;
 * - automatic decisions: rule decisions that acted (no case); human
 *   decisions: decisions on cases;
 * - time to action: from a case's creation to its human decision (median);
 * - actions by type: outbox actions queued, automatic (no case) or human.
 */
import { type SQL, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";

export interface Period {
  from: Date;
  to: Date;
}

export interface DashboardFigures {
  totals: {
    eventsIn: number;
    casesOpened: number;
    casesClosed: number;
    automaticDecisions: number;
    humanDecisions: number;
    medianSecondsToAction: number | null;
  };
  /** One row per UTC day of the period that had anything. */
  days: { day: string; eventsIn: number; casesOpened: number; casesClosed: number }[];
  actionsByType: { action: string; automatic: number; human: number }[];
  reportsBySource: { source: string; count: number }[];
  queues: { queue: string; opened: number; closed: number; medianSecondsToAction: number | null }[];
  reviewers: { reviewer: string; decisions: number; medianSecondsToAction: number | null }[];
}

type Row = Record<string, unknown>;
const num = (v: unknown): number => Number(v ?? 0);
const numOrNull = (v: unknown): number | null =>
  v === null || v === undefined ? null : Math.round(Number(v));

export class DashboardRepository {
  constructor(private readonly db: VigilDb) {}

  private async rows(query: SQL): Promise<Row[]> {
    return ((await this.db.execute(query)) as unknown as { rows: Row[] }).rows;
  }

  async figures(period: Period): Promise<DashboardFigures> {
    const from = sql`${period.from.toISOString()}::timestamptz`;
    const to = sql`${period.to.toISOString()}::timestamptz`;
    const within = (column: SQL) => sql`${column} >= ${from} AND ${column} < ${to}`;
    // Human decisions on cases in the period, with how long each case waited.
    const humanDecisions = sql`
      SELECT m.actor, c.queue, extract(epoch FROM m.created_at - c.created_at) AS seconds
      FROM moderation_events m JOIN cases c ON c.id = m.case_id
      WHERE m.kind = 'decide' AND ${within(sql`m.created_at`)}`;
    const median = sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds)`;

    const [totals] = await this.rows(sql`
      SELECT
        (SELECT count(*) FROM events WHERE ${within(sql`received_at`)}) AS events_in,
        (SELECT count(*) FROM cases WHERE ${within(sql`created_at`)}) AS cases_opened,
        (SELECT count(*) FROM moderation_events WHERE kind IN ('decide', 'close') AND case_id IS NOT NULL
           AND ${within(sql`created_at`)}) AS cases_closed,
        (SELECT count(*) FROM moderation_events WHERE kind = 'decide' AND case_id IS NULL
           AND detail->>'decision' = 'act' AND ${within(sql`created_at`)}) AS automatic,
        (SELECT count(*) FROM (${humanDecisions}) h) AS human,
        (SELECT ${median} FROM (${humanDecisions}) h) AS median_seconds`);
    const days = await this.rows(sql`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(e) AS events_in, sum(o) AS opened, sum(c) AS closed FROM (
        SELECT date_trunc('day', received_at AT TIME ZONE 'UTC') AS day, 1 AS e, 0 AS o, 0 AS c
          FROM events WHERE ${within(sql`received_at`)}
        UNION ALL
        SELECT date_trunc('day', created_at AT TIME ZONE 'UTC'), 0, 1, 0 FROM cases WHERE ${within(sql`created_at`)}
        UNION ALL
        SELECT date_trunc('day', created_at AT TIME ZONE 'UTC'), 0, 0, 1 FROM moderation_events
          WHERE kind IN ('decide', 'close') AND case_id IS NOT NULL AND ${within(sql`created_at`)}
      ) x GROUP BY day ORDER BY day`);
    const actions = await this.rows(sql`
      SELECT action, count(*) FILTER (WHERE case_id IS NULL) AS automatic, count(*) FILTER (WHERE case_id IS NOT NULL) AS human
      FROM actions WHERE ${within(sql`created_at`)} GROUP BY action ORDER BY count(*) DESC, action`);
    const reports = await this.rows(sql`
      SELECT source, count(*) AS n FROM reports WHERE ${within(sql`created_at`)} GROUP BY source ORDER BY n DESC, source`);
    const queues = await this.rows(sql`
      SELECT coalesce(o.queue, d.queue) AS queue, coalesce(o.opened, 0) AS opened, coalesce(d.closed, 0) AS closed, d.median_seconds
      FROM (SELECT queue, count(*) AS opened FROM cases WHERE ${within(sql`created_at`)} GROUP BY queue) o
      FULL JOIN (SELECT queue, count(*) AS closed, ${median} AS median_seconds FROM (${humanDecisions}) h GROUP BY queue) d
        ON d.queue = o.queue
      ORDER BY 1`);
    const reviewers = await this.rows(sql`
      SELECT actor, count(*) AS decisions, ${median} AS median_seconds FROM (${humanDecisions}) h
      GROUP BY actor ORDER BY decisions DESC, actor`);

    return {
      totals: {
        eventsIn: num(totals.events_in),
        casesOpened: num(totals.cases_opened),
        casesClosed: num(totals.cases_closed),
        automaticDecisions: num(totals.automatic),
        humanDecisions: num(totals.human),
        medianSecondsToAction: numOrNull(totals.median_seconds),
      },
      days: days.map((r) => ({
        day: String(r.day),
        eventsIn: num(r.events_in),
        casesOpened: num(r.opened),
        casesClosed: num(r.closed),
      })),
      actionsByType: actions.map((r) => ({
        action: String(r.action),
        automatic: num(r.automatic),
        human: num(r.human),
      })),
      reportsBySource: reports.map((r) => ({ source: String(r.source), count: num(r.n) })),
      queues: queues.map((r) => ({
        queue: String(r.queue),
        opened: num(r.opened),
        closed: num(r.closed),
        medianSecondsToAction: numOrNull(r.median_seconds),
      })),
      reviewers: reviewers.map((r) => ({
        reviewer: String(r.actor),
        decisions: num(r.decisions),
        medianSecondsToAction: numOrNull(r.median_seconds),
      })),
    };
  }
}
