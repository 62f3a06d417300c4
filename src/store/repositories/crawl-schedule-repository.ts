/**
 * The crawl scheduler's shared state: a lease row per job (only the holder
 * runs scheduled crawls and liveness rounds; a dead holder's lease lapses),
 * and the crawler's submission outbox. A submission row stays until the
 * service has taken it; claiming a due row pushes its next attempt forward
 * under SKIP LOCKED, so two drainers never send the same row at once and a
 * crashed one only delays it. Lease times are the database's clock, so
 * processes on different machines agree.
 */
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { type CrawlSubmissionKind, crawledLinks, crawlLeases, crawlSubmissions } from "../schema.js";

export type CrawlLeaseRow = typeof crawlLeases.$inferSelect;

/** A claimed submission with what the crawler knows of its link. */
export interface ClaimedSubmission {
  platform: string;
  code: string;
  kind: CrawlSubmissionKind;
  attempts: number;
  url: string;
  source: string;
  foundOn: string;
  category: string | null;
  title: string | null;
  description: string | null;
  firstSeenAt: Date;
  actionedAt: Date | null;
  removedAt: Date | null;
}

export interface SubmissionCounts {
  pending: number;
  /** Pending and failed at least once. */
  failing: number;
  submitted: number;
}

export interface RemovalTime {
  platform: string;
  firstSeenAt: Date;
  actionedAt: Date | null;
  removedAt: Date;
}

type Raw = Record<string, unknown>;
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));
const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export class CrawlScheduleRepository {
  constructor(private readonly db: VigilDb) {}

  /** Takes or renews the lease; false while another live holder has it. */
  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const result = (await this.db.execute(sql`
      INSERT INTO crawl_leases (name, holder, expires_at, acquired_at)
      VALUES (${name}, ${holder}, now() + ${ttlMs} * interval '1 millisecond', now())
      ON CONFLICT (name) DO UPDATE SET
        holder = excluded.holder,
        expires_at = excluded.expires_at,
        acquired_at = CASE WHEN crawl_leases.holder = excluded.holder
          THEN crawl_leases.acquired_at ELSE now() END
      WHERE crawl_leases.holder = excluded.holder OR crawl_leases.expires_at < now()
      RETURNING holder`)) as unknown as { rows: unknown[] };
    return result.rows.length === 1;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.db
      .update(crawlLeases)
      .set({ expiresAt: sql`now()` })
      .where(and(eq(crawlLeases.name, name), eq(crawlLeases.holder, holder)));
  }

  async recordTick(name: string, holder: string, summary: Record<string, unknown>): Promise<void> {
    await this.db
      .update(crawlLeases)
      .set({ lastTickAt: sql`now()`, lastTick: summary })
      .where(and(eq(crawlLeases.name, name), eq(crawlLeases.holder, holder)));
  }

  async lease(name: string): Promise<CrawlLeaseRow | null> {
    const [row] = await this.db.select().from(crawlLeases).where(eq(crawlLeases.name, name));
    return row ?? null;
  }

  /**
   * Queues submissions. A discovery already sent is queued again (a later
   * sighting may show a changed preview; an unchanged one is a duplicate
   * event); one still pending keeps its attempts and backoff. A removal is
   * reported once.
   */
  async enqueue(kind: CrawlSubmissionKind, links: { platform: string; code: string }[], at: Date) {
    if (links.length === 0) return;
    const insert = this.db
      .insert(crawlSubmissions)
      .values(links.map((l) => ({ platform: l.platform, code: l.code, kind, nextAttemptAt: at })));
    if (kind === "revoked") {
      await insert.onConflictDoNothing();
      return;
    }
    await insert.onConflictDoUpdate({
      target: [crawlSubmissions.platform, crawlSubmissions.code, crawlSubmissions.kind],
      set: { submittedAt: null, attempts: 0, lastError: null, nextAttemptAt: at },
      setWhere: isNotNull(crawlSubmissions.submittedAt),
    });
  }

  /**
   * Links a run recorded that never got a discovery queued (the process died
   * between recording and queueing): queued now, so nothing found is lost.
   */
  async queueUnqueued(runId: number, at: Date): Promise<number> {
    const result = (await this.db.execute(sql`
      INSERT INTO crawl_submissions (platform, code, kind, next_attempt_at)
      SELECT platform, code, 'discovered', ${at.toISOString()}::timestamptz
      FROM crawled_links WHERE last_run_id = ${runId}
      ON CONFLICT DO NOTHING
      RETURNING code`)) as unknown as { rows: unknown[] };
    return result.rows.length;
  }

  /** Due submissions, each held for `holdMs` (a crashed drainer's rows come back after it). */
  async claimDue(now: Date, limit: number, holdMs: number): Promise<ClaimedSubmission[]> {
    const held = new Date(now.getTime() + holdMs);
    const result = (await this.db.execute(sql`
      UPDATE crawl_submissions s SET next_attempt_at = ${held.toISOString()}::timestamptz
      FROM crawled_links cl
      WHERE cl.platform = s.platform AND cl.code = s.code
        AND (s.platform, s.code, s.kind) IN (
          SELECT platform, code, kind FROM crawl_submissions
          WHERE submitted_at IS NULL AND next_attempt_at <= ${now.toISOString()}::timestamptz
          ORDER BY next_attempt_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING s.platform, s.code, s.kind, s.attempts, cl.url, cl.source, cl.found_on, cl.category,
        cl.title, cl.description, cl.first_seen_at, cl.actioned_at, cl.removed_at`)) as unknown as {
      rows: Raw[];
    };
    return result.rows.map((r) => ({
      platform: String(r.platform),
      code: String(r.code),
      kind: r.kind === "revoked" ? "revoked" : "discovered",
      attempts: Number(r.attempts),
      url: String(r.url),
      source: String(r.source),
      foundOn: String(r.found_on),
      category: text(r.category),
      title: text(r.title),
      description: text(r.description),
      firstSeenAt: date(r.first_seen_at) ?? now,
      actionedAt: date(r.actioned_at),
      removedAt: date(r.removed_at),
    }));
  }

  /** Everything waiting for a retry is due now (an operator's run tries again at once). */
  async retryNow(now: Date): Promise<void> {
    await this.db
      .update(crawlSubmissions)
      .set({ nextAttemptAt: now })
      .where(
        and(
          isNull(crawlSubmissions.submittedAt),
          sql`${crawlSubmissions.nextAttemptAt} > ${now.toISOString()}::timestamptz`,
        ),
      );
  }

  async submitted(s: ClaimedSubmission, eventId: string, at: Date): Promise<void> {
    await this.db
      .update(crawlSubmissions)
      .set({ submittedAt: at, eventId, lastError: null, attempts: s.attempts + 1 })
      .where(this.key(s));
  }

  async failed(s: ClaimedSubmission, error: string, retryAt: Date): Promise<void> {
    await this.db
      .update(crawlSubmissions)
      .set({ attempts: s.attempts + 1, lastError: error.slice(0, 1000), nextAttemptAt: retryAt })
      .where(this.key(s));
  }

  async submissionCounts(): Promise<SubmissionCounts> {
    const [row] = await this.db
      .select({
        pending: sql<number>`count(*) FILTER (WHERE ${crawlSubmissions.submittedAt} IS NULL)::int`,
        failing: sql<number>`count(*) FILTER (WHERE ${crawlSubmissions.submittedAt} IS NULL AND ${crawlSubmissions.attempts} > 0)::int`,
        submitted: sql<number>`count(*) FILTER (WHERE ${crawlSubmissions.submittedAt} IS NOT NULL)::int`,
      })
      .from(crawlSubmissions);
    return {
      pending: Number(row?.pending ?? 0),
      failing: Number(row?.failing ?? 0),
      submitted: Number(row?.submitted ?? 0),
    };
  }

  async pendingSubmissions(limit = 100): Promise<(typeof crawlSubmissions.$inferSelect)[]> {
    return this.db
      .select()
      .from(crawlSubmissions)
      .where(isNull(crawlSubmissions.submittedAt))
      .orderBy(crawlSubmissions.nextAttemptAt)
      .limit(limit);
  }

  /** Every confirmed removal, for time-to-removal per platform (from the action, else from discovery). */
  async removalTimes(): Promise<RemovalTime[]> {
    const rows = await this.db
      .select({
        platform: crawledLinks.platform,
        firstSeenAt: crawledLinks.firstSeenAt,
        actionedAt: crawledLinks.actionedAt,
        removedAt: crawledLinks.removedAt,
      })
      .from(crawledLinks)
      .where(isNotNull(crawledLinks.removedAt));
    return rows.flatMap((r) => (r.removedAt ? [{ ...r, removedAt: r.removedAt }] : []));
  }

  private key(s: { platform: string; code: string; kind: CrawlSubmissionKind }) {
    return and(
      eq(crawlSubmissions.platform, s.platform),
      eq(crawlSubmissions.code, s.code),
      eq(crawlSubmissions.kind, s.kind),
    );
  }
}
