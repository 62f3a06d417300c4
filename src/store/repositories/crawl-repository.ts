/**
 * The crawler's state in the database: runs and their pages (a run still
 * "running" after a crash is resumed: its in-progress pages go back to the
 * queue), crawled links with their liveness, and the append-only check log.
 * Uniqueness (one page per run, one link per platform and code) is the
 * database's job, so concurrent crawlers cannot double-count.
 */
import { and, asc, desc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { crawledLinks, crawlPages, crawlRuns, linkChecks } from "../schema.js";

export type CrawlRunRow = typeof crawlRuns.$inferSelect;
export type CrawledLinkRow = typeof crawledLinks.$inferSelect;

export interface PageToVisit {
  url: string;
  depth: number;
}

export type FinishedPage = PageToVisit &
  (
    | { outcome: "fetched"; status: number; invites: number }
    | { outcome: "refused"; reason: string; message: string; status?: number }
  );

export interface LinkSighting {
  platform: string;
  code: string;
  url: string;
  source: string;
  foundOn: string;
  category?: string;
  title?: string;
  description?: string;
}

/** The liveness columns of a link, as src/crawl/liveness.ts computes them. */
export interface LinkLivenessRow {
  state: string;
  streak: number;
  checks: number;
  lastCheckedAt: Date | null;
  nextCheckAt: Date | null;
  suspectedAt: Date | null;
  removedAt: Date | null;
  actionedAt: Date | null;
}

export class CrawlRepository {
  constructor(private readonly db: VigilDb) {}

  /** The source's unfinished run (resumed) or a new one. */
  async openRun(source: string): Promise<{ runId: number; resumed: boolean }> {
    return this.db.transaction(async (tx) => {
      const [open] = await tx
        .select({ id: crawlRuns.id })
        .from(crawlRuns)
        .where(and(eq(crawlRuns.source, source), eq(crawlRuns.status, "running")))
        .orderBy(desc(crawlRuns.id))
        .limit(1);
      if (open) {
        await tx
          .update(crawlPages)
          .set({ state: "queued" })
          .where(and(eq(crawlPages.runId, open.id), eq(crawlPages.state, "in_progress")));
        return { runId: open.id, resumed: true };
      }
      const [created] = await tx.insert(crawlRuns).values({ source }).returning({ id: crawlRuns.id });
      return { runId: created.id, resumed: false };
    });
  }

  async finishRun(runId: number, stats: Record<string, unknown>): Promise<void> {
    await this.db
      .update(crawlRuns)
      .set({ status: "finished", stats, finishedAt: new Date() })
      .where(eq(crawlRuns.id, runId));
  }

  async enqueue(runId: number, pages: PageToVisit[]): Promise<void> {
    if (pages.length === 0) return;
    await this.db
      .insert(crawlPages)
      .values(pages.map((p) => ({ runId, url: p.url, depth: p.depth })))
      .onConflictDoNothing();
  }

  /** Claims the oldest queued page; SKIP LOCKED lets several workers share a run. */
  async take(runId: number): Promise<PageToVisit | null> {
    const result = (await this.db.execute(sql`
      UPDATE crawl_pages SET state = 'in_progress'
      WHERE run_id = ${runId} AND url = (
        SELECT url FROM crawl_pages WHERE run_id = ${runId} AND state = 'queued'
        ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING url, depth`)) as unknown as { rows: { url: string; depth: number }[] };
    const [row] = result.rows;
    return row ? { url: row.url, depth: Number(row.depth) } : null;
  }

  async finish(runId: number, page: FinishedPage): Promise<void> {
    await this.db
      .update(crawlPages)
      .set(
        page.outcome === "fetched"
          ? { state: "fetched", httpStatus: page.status, invites: page.invites }
          : {
              state: "refused",
              reason: page.reason,
              message: page.message.slice(0, 1000),
              httpStatus: page.status,
            },
      )
      .where(and(eq(crawlPages.runId, runId), eq(crawlPages.url, page.url)));
  }

  async pagesDone(runId: number): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(crawlPages)
      .where(and(eq(crawlPages.runId, runId), inArray(crawlPages.state, ["fetched", "refused"])));
    return Number(row?.n ?? 0);
  }

  /** Records sightings; returns the links this run had not recorded yet (new ones included). */
  async recordLinks(runId: number, sightings: LinkSighting[]): Promise<{ platform: string; code: string }[]> {
    if (sightings.length === 0) return [];
    const now = new Date();
    return this.db
      .insert(crawledLinks)
      .values(
        sightings.map((s) => ({
          ...s,
          lastRunId: runId,
          firstSeenAt: now,
          lastSeenAt: now,
          nextCheckAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [crawledLinks.platform, crawledLinks.code],
        set: { lastSeenAt: now, lastRunId: runId },
        // Rows this run already touched are left alone, and so are not returned.
        setWhere: sql`${crawledLinks.lastRunId} IS DISTINCT FROM ${runId}`,
      })
      .returning({ platform: crawledLinks.platform, code: crawledLinks.code });
  }

  /** When each source last finished a run. */
  async lastFinished(): Promise<Map<string, Date>> {
    const rows = await this.db
      .select({ source: crawlRuns.source, at: sql<string>`max(${crawlRuns.finishedAt})` })
      .from(crawlRuns)
      .where(eq(crawlRuns.status, "finished"))
      .groupBy(crawlRuns.source);
    return new Map(rows.map((r) => [r.source, new Date(r.at)]));
  }

  async runs(limit = 20): Promise<CrawlRunRow[]> {
    return this.db.select().from(crawlRuns).orderBy(desc(crawlRuns.id)).limit(limit);
  }

  async pageStates(runId: number): Promise<{ state: string; reason: string | null; n: number }[]> {
    const rows = await this.db
      .select({ state: crawlPages.state, reason: crawlPages.reason, n: sql<number>`count(*)::int` })
      .from(crawlPages)
      .where(eq(crawlPages.runId, runId))
      .groupBy(crawlPages.state, crawlPages.reason);
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  }

  async links(filter: { platform?: string; liveness?: string; limit: number }): Promise<CrawledLinkRow[]> {
    const where = [];
    if (filter.platform) where.push(eq(crawledLinks.platform, filter.platform));
    if (filter.liveness) where.push(eq(crawledLinks.liveness, filter.liveness));
    return this.db
      .select()
      .from(crawledLinks)
      .where(where.length > 0 ? and(...where) : undefined)
      .orderBy(asc(crawledLinks.firstSeenAt), asc(crawledLinks.platform), asc(crawledLinks.code))
      .limit(filter.limit);
  }

  async dueLinks(now: Date, limit: number): Promise<CrawledLinkRow[]> {
    return this.db
      .select()
      .from(crawledLinks)
      .where(and(isNotNull(crawledLinks.nextCheckAt), lte(crawledLinks.nextCheckAt, now)))
      .orderBy(asc(crawledLinks.nextCheckAt))
      .limit(limit);
  }

  /**
   * Links Vigil has acted on (an action in the outbox about the link, or about
   * the group `invite:<code>` behind it) are marked, and checked again within
   * `soonMs` and closely from then on (src/crawl/liveness.ts RECHECK_AFTER_ACTION).
   */
  async markActioned(soonMs: number): Promise<number> {
    const result = (await this.db.execute(sql`
      UPDATE crawled_links cl
      SET actioned_at = a.first_at,
          streak = 0,
          next_check_at = LEAST(COALESCE(cl.next_check_at, a.first_at), a.first_at + ${soonMs} * interval '1 millisecond')
      FROM (
        SELECT platform, subject_type, subject_id, min(created_at) AS first_at FROM actions
        WHERE action IN ('revoke_invite_link', 'disable_group')
        GROUP BY platform, subject_type, subject_id
      ) a
      WHERE cl.actioned_at IS NULL AND cl.liveness <> 'revoked' AND a.platform = cl.platform
        AND ((a.subject_type = 'invite_link' AND a.subject_id = cl.code)
          OR (a.subject_type = 'group' AND a.subject_id = 'invite:' || cl.code))
      RETURNING cl.code`)) as unknown as { rows: unknown[] };
    return result.rows.length;
  }

  /** Per link that was acted on: platform, when, and when it was confirmed removed. */
  async removalSamples(): Promise<{ platform: string; actionedAt: Date | null; removedAt: Date | null }[]> {
    return this.db
      .select({
        platform: crawledLinks.platform,
        actionedAt: crawledLinks.actionedAt,
        removedAt: crawledLinks.removedAt,
      })
      .from(crawledLinks)
      .where(isNotNull(crawledLinks.actionedAt));
  }

  async livenessCounts(): Promise<{ platform: string; liveness: string; n: number }[]> {
    const rows = await this.db
      .select({
        platform: crawledLinks.platform,
        liveness: crawledLinks.liveness,
        n: sql<number>`count(*)::int`,
      })
      .from(crawledLinks)
      .groupBy(crawledLinks.platform, crawledLinks.liveness)
      .orderBy(asc(crawledLinks.platform), asc(crawledLinks.liveness));
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  }

  /** The new liveness and the check that produced it, together. */
  async saveCheck(
    link: { platform: string; code: string },
    liveness: LinkLivenessRow,
    check: { observation: string; note: string; checkedAt: Date },
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx
        .update(crawledLinks)
        .set({
          liveness: liveness.state,
          streak: liveness.streak,
          checks: liveness.checks,
          lastCheckedAt: liveness.lastCheckedAt,
          nextCheckAt: liveness.nextCheckAt,
          suspectedAt: liveness.suspectedAt,
          removedAt: liveness.removedAt,
          actionedAt: liveness.actionedAt,
        })
        .where(and(eq(crawledLinks.platform, link.platform), eq(crawledLinks.code, link.code)));
      await tx.insert(linkChecks).values({
        platform: link.platform,
        code: link.code,
        observation: check.observation,
        liveness: liveness.state,
        note: check.note.slice(0, 1000),
        checkedAt: check.checkedAt,
      });
    });
  }
}
