/**
 * Hotline calls (migration 0020): the reference counter, the call with its
 * sealed caller, its search keys and the reports it filed, and what the
 * preview needs to resolve a caller's words (known invite links and the
 * groups they lead to, accounts by phone keyed hash, a subject's open cases).
 */
import { and, eq, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import {
  type HotlineKeyKind,
  hotlineIntakeKeys,
  hotlineIntakeReports,
  hotlineIntakes,
  referenceCounters,
} from "../schema.js";

export type HotlineIntakeRow = typeof hotlineIntakes.$inferSelect;
type Raw = Record<string, unknown>;

export interface KnownLink {
  platform: string;
  code: string;
  status: string;
  group: { platform: string; id: string; name: string | null } | null;
}

export interface NewHotlineIntake {
  recordedBy: string;
  reason: string;
  callerSealed: string | null;
  keys: { kind: HotlineKeyKind; key: string }[];
  reports: { reportPublicId: string; platform: string; subjectType: string; subjectId: string }[];
}

export class HotlineRepository {
  constructor(private readonly db: VigilDb) {}

  /** The next number of a series in a year, by one conditional upsert: never the same twice. */
  async nextReference(series: string, year: number): Promise<string> {
    const [row] = await this.db
      .insert(referenceCounters)
      .values({ series, year, last: 1 })
      .onConflictDoUpdate({
        target: [referenceCounters.series, referenceCounters.year],
        set: { last: sql`${referenceCounters.last} + 1` },
      })
      .returning({ last: referenceCounters.last });
    return `${series}-${year}-${String(row.last).padStart(6, "0")}`;
  }

  async record(reference: string, intake: NewHotlineIntake): Promise<HotlineIntakeRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(hotlineIntakes)
        .values({
          reference,
          recordedBy: intake.recordedBy,
          reason: intake.reason,
          callerSealed: intake.callerSealed,
        })
        .returning();
      if (intake.keys.length > 0)
        await tx
          .insert(hotlineIntakeKeys)
          .values(intake.keys.map((k) => ({ intakeId: row.id, ...k })))
          .onConflictDoNothing();
      if (intake.reports.length > 0)
        await tx.insert(hotlineIntakeReports).values(intake.reports.map((r) => ({ intakeId: row.id, ...r })));
      return row;
    });
  }

  async byReference(
    reference: string,
  ): Promise<{ intake: HotlineIntakeRow; reports: NewHotlineIntake["reports"] } | null> {
    const [intake] = await this.db
      .select()
      .from(hotlineIntakes)
      .where(eq(hotlineIntakes.reference, reference.toUpperCase()));
    if (!intake) return null;
    const reports = await this.db
      .select({
        reportPublicId: hotlineIntakeReports.reportPublicId,
        platform: hotlineIntakeReports.platform,
        subjectType: hotlineIntakeReports.subjectType,
        subjectId: hotlineIntakeReports.subjectId,
      })
      .from(hotlineIntakeReports)
      .where(and(eq(hotlineIntakeReports.intakeId, intake.id)));
    return { intake, reports };
  }

  async knownLinks(links: readonly { platform: string; code: string }[]): Promise<KnownLink[]> {
    if (links.length === 0) return [];
    const result = (await this.db.execute(sql`
      SELECT l.platform, l.code, l.status, g.platform AS group_platform, g.external_id AS group_id, g.name AS group_name
      FROM invite_links l LEFT JOIN groups g ON g.id = l.group_id
      JOIN unnest(${sql.param(links.map((l) => l.platform))}::text[], ${sql.param(links.map((l) => l.code))}::text[])
        AS s(platform, code) ON l.platform = s.platform AND l.code = s.code`)) as unknown as { rows: Raw[] };
    return result.rows.map((r) => ({
      platform: String(r.platform),
      code: String(r.code),
      status: String(r.status),
      group: r.group_id
        ? {
            platform: String(r.group_platform),
            id: String(r.group_id),
            name: (r.group_name as string | null) ?? null,
          }
        : null,
    }));
  }

  async accountsByPhoneKeys(
    keys: readonly string[],
  ): Promise<Map<string, { platform: string; id: string; name: string | null }[]>> {
    const out = new Map<string, { platform: string; id: string; name: string | null }[]>();
    if (keys.length === 0) return out;
    const result = (await this.db.execute(sql`SELECT phone_key, platform, external_id, name FROM accounts
      WHERE phone_key = ANY(${sql.param([...keys])}::text[]) ORDER BY platform, external_id LIMIT 500`)) as unknown as {
      rows: Raw[];
    };
    for (const r of result.rows) {
      const key = String(r.phone_key);
      out.set(key, [
        ...(out.get(key) ?? []),
        { platform: String(r.platform), id: String(r.external_id), name: (r.name as string | null) ?? null },
      ]);
    }
    return out;
  }

  /** Undecided cases per subject (`platform\ntype\nid`), and the queue of each. */
  async openCases(keys: readonly string[]): Promise<Map<string, { id: number; queue: string }[]>> {
    const out = new Map<string, { id: number; queue: string }[]>();
    if (keys.length === 0) return out;
    const split = keys.map((k) => k.split("\n"));
    const result = (await this.db.execute(sql`SELECT c.id, c.platform, c.subject_type, c.subject_id, c.queue
      FROM cases c JOIN unnest(${sql.param(split.map((s) => s[0]))}::text[], ${sql.param(split.map((s) => s[1]))}::text[],
        ${sql.param(split.map((s) => s[2]))}::text[]) AS s(platform, subject_type, subject_id)
        ON c.platform = s.platform AND c.subject_type = s.subject_type AND c.subject_id = s.subject_id
      WHERE c.status <> 'closed' ORDER BY c.priority DESC, c.id`)) as unknown as { rows: Raw[] };
    for (const r of result.rows) {
      const key = `${r.platform}\n${r.subject_type}\n${r.subject_id}`;
      out.set(key, [...(out.get(key) ?? []), { id: Number(r.id), queue: String(r.queue) }]);
    }
    return out;
  }

  /** The case each report was enqueued into once decided (by the report's event), else null. */
  async casesOf(reportIds: readonly string[]): Promise<Map<string, { id: number; queue: string } | null>> {
    const out = new Map<string, { id: number; queue: string } | null>(reportIds.map((id) => [id, null]));
    if (reportIds.length === 0) return out;
    const result = (await this.db.execute(sql`SELECT DISTINCT ON (r.public_id) r.public_id, c.id, c.queue
      FROM reports r JOIN moderation_events m ON m.event_seq = r.event_seq AND m.kind = 'enqueue'
      JOIN cases c ON c.id = m.case_id
      WHERE r.public_id = ANY(${sql.param([...reportIds])}::text[]) ORDER BY r.public_id, c.priority DESC`)) as unknown as {
      rows: Raw[];
    };
    for (const r of result.rows) out.set(String(r.public_id), { id: Number(r.id), queue: String(r.queue) });
    return out;
  }
}
