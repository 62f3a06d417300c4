/**
 * What the console's queue list shows: per queue, cases waiting, cases held,
 * the oldest wait and the SLA. Made in two cheap passes so it stays fast at
 * 100,000 open cases: one GROUP BY with no per-row arithmetic (queue, status,
 * lapsed), then per queue two index range counts on cases_queue_age for the
 * cases past the SLA and within its last fifth.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import { NEAR_BREACH_SHARE } from "../../domain/queue-sla.js";
import type { VigilDb } from "../database.js";
import { cases, type QueueSort, queueSettings } from "../schema.js";
import type { CaseRow } from "./case-repository.js";
import { nextCaseOrder } from "./claim-repository.js";

export interface QueueSummary {
  queue: string;
  /** Open, or held under a claim that has lapsed: what "Start reviewing" can hand out. */
  waiting: number;
  /** Under a live claim. */
  claimed: number;
  maxPriority: number;
  /** Creation time of the oldest waiting case; null when none waits. */
  oldestWaitingAt: Date | null;
  /** The queue's SLA (its own, else the organisation's default), and how "Start reviewing" orders it. */
  slaSeconds: number;
  sort: QueueSort;
  /** Undecided cases (waiting or in review) past the SLA, and within its last fifth (about to breach). */
  breached: number;
  nearBreach: number;
}

type Row = Record<string, unknown>;

export class QueueRepository {
  constructor(private readonly db: VigilDb) {}

  /** Per queue with open cases; the SLA of a queue without its own setting is `defaultSlaSeconds`. */
  async summary(defaultSlaSeconds = 86400): Promise<QueueSummary[]> {
    const groups = (await this.db.execute(sql`
      SELECT queue, status = 'open' OR claim_expires_at < now() AS waiting,
             count(*) AS n, max(priority) AS max_priority, min(created_at) AS oldest, now() AS now
      FROM cases WHERE status <> 'closed' GROUP BY 1, 2`)) as unknown as { rows: Row[] };
    const settings = new Map((await this.db.select().from(queueSettings)).map((s) => [s.queue, s]));
    const byQueue = new Map<string, QueueSummary>();
    let now = Date.now();
    for (const g of groups.rows) {
      const queue = String(g.queue);
      now = new Date(g.now as string | Date).getTime();
      const s = settings.get(queue);
      const q = byQueue.get(queue) ?? {
        queue,
        waiting: 0,
        claimed: 0,
        maxPriority: Number.NEGATIVE_INFINITY,
        oldestWaitingAt: null,
        slaSeconds: s?.slaSeconds ?? defaultSlaSeconds,
        sort: s?.sort ?? "priority",
        breached: 0,
        nearBreach: 0,
      };
      const n = Number(g.n);
      q.maxPriority = Math.max(q.maxPriority, Number(g.max_priority));
      if (g.waiting === true) {
        q.waiting += n;
        const oldest = new Date(g.oldest as string | Date);
        if (!q.oldestWaitingAt || oldest < q.oldestWaitingAt) q.oldestWaitingAt = oldest;
      } else q.claimed += n;
      byQueue.set(queue, q);
    }
    const summaries = [...byQueue.values()];
    await Promise.all(
      summaries.map(async (q) => {
        const breachAt = new Date(now - q.slaSeconds * 1000).toISOString();
        const nearAt = new Date(now - q.slaSeconds * NEAR_BREACH_SHARE * 1000).toISOString();
        if (!q.oldestWaitingAt || q.oldestWaitingAt.toISOString() >= nearAt) return;
        const counts = (await this.db.execute(sql`
          SELECT count(*) FILTER (WHERE created_at < ${breachAt}::timestamptz) AS breached,
                 count(*) FILTER (WHERE created_at >= ${breachAt}::timestamptz) AS near
          FROM cases WHERE queue = ${q.queue} AND status <> 'closed' AND created_at < ${nearAt}::timestamptz`)) as unknown as {
          rows: Row[];
        };
        q.breached = Number(counts.rows[0].breached);
        q.nearBreach = Number(counts.rows[0].near);
      }),
    );
    return summaries.sort((a, b) => b.maxPriority - a.maxPriority || a.queue.localeCompare(b.queue));
  }

  async undecided(queue: string, limit: number, sort: QueueSort = "priority"): Promise<CaseRow[]> {
    return this.db
      .select()
      .from(cases)
      .where(and(eq(cases.queue, queue), ne(cases.status, "closed")))
      .orderBy(...nextCaseOrder(sort))
      .limit(limit);
  }
}
