/** What the console's queue list shows: per queue, cases waiting, cases held, and the oldest wait. */
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { cases } from "../schema.js";
import type { CaseRow } from "./case-repository.js";

export interface QueueSummary {
  queue: string;
  /** Open, or held under a claim that has lapsed: what "Start reviewing" can hand out. */
  waiting: number;
  /** Under a live claim. */
  claimed: number;
  maxPriority: number;
  /** Creation time of the oldest waiting case; null when none waits. */
  oldestWaitingAt: Date | null;
}

const WAITING = sql`(${cases.status} = 'open' OR (${cases.status} = 'claimed' AND ${cases.claimExpiresAt} < now()))`;

export class QueueRepository {
  constructor(private readonly db: VigilDb) {}

  async summary(): Promise<QueueSummary[]> {
    const rows = await this.db
      .select({
        queue: cases.queue,
        waiting: sql<number>`count(*) FILTER (WHERE ${WAITING})`.mapWith(Number),
        claimed: sql<number>`count(*) FILTER (WHERE NOT ${WAITING})`.mapWith(Number),
        maxPriority: sql<number>`max(${cases.priority})`.mapWith(Number),
        oldest: sql<string | null>`min(${cases.createdAt}) FILTER (WHERE ${WAITING})`,
      })
      .from(cases)
      .where(ne(cases.status, "closed"))
      .groupBy(cases.queue);
    return rows
      .map((r) => ({
        queue: r.queue,
        waiting: r.waiting,
        claimed: r.claimed,
        maxPriority: r.maxPriority,
        oldestWaitingAt: r.oldest === null ? null : new Date(r.oldest),
      }))
      .sort((a, b) => b.maxPriority - a.maxPriority || a.queue.localeCompare(b.queue));
  }

  async undecided(queue: string, limit: number): Promise<CaseRow[]> {
    return this.db
      .select()
      .from(cases)
      .where(and(eq(cases.queue, queue), ne(cases.status, "closed")))
      .orderBy(desc(cases.priority), asc(cases.createdAt), asc(cases.id))
      .limit(limit);
  }
}
