/**
 * Case lists as reviewers filter and sort them (issue 16): by queue, status,
 * report reason and source, assignee, "mine", platform, subject type and
 * date; sorted by priority, age or report count; paged by offset with the
 * total. Each row carries what a list shows beside the case: the subject's
 * name, its reports (count, reasons, sources) and the assignee's name. The
 * same rows serve search results and related cases (`byIds`).
 */
import { type SQL, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import type { CaseRow } from "./case-repository.js";

export type CaseListStatus = "open" | "claimed" | "closed" | "undecided";

export interface CaseListFilter {
  queues?: readonly string[];
  status?: CaseListStatus;
  /** Normalised reason (domain/report-reasons.ts normaliseReason). */
  reason?: string;
  source?: string;
  /** `user:<email>`, or null for unassigned. */
  assignedTo?: string | null;
  /** Assigned to or claimed by this actor. */
  mine?: string;
  platform?: string;
  subjectType?: string;
  from?: Date;
  to?: Date;
  sort: "priority" | "age" | "reports";
  order: "asc" | "desc";
  offset: number;
  limit: number;
}

export interface CaseListRow extends CaseRow {
  subjectLabel: string | null;
  reportCount: number;
  reasons: string[];
  sources: string[];
  assigneeName: string | null;
  ageSeconds: number;
}

type Raw = Record<string, unknown>;
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

function toRow(r: Raw): CaseListRow {
  return {
    id: Number(r.id),
    platform: String(r.platform),
    subjectType: r.subject_type as CaseRow["subjectType"],
    subjectId: String(r.subject_id),
    queue: String(r.queue),
    priority: Number(r.priority),
    status: r.status as CaseRow["status"],
    claimedBy: (r.claimed_by as string | null) ?? null,
    claimExpiresAt: date(r.claim_expires_at),
    assignedTo: (r.assigned_to as string | null) ?? null,
    createdAt: date(r.created_at) as Date,
    updatedAt: date(r.updated_at) as Date,
    subjectLabel: (r.subject_label as string | null) ?? null,
    reportCount: Number(r.report_count ?? 0),
    reasons: ((r.reasons as string[] | null) ?? []).filter(Boolean),
    sources: ((r.sources as string[] | null) ?? []).filter(Boolean),
    assigneeName: (r.assignee_name as string | null) ?? null,
    ageSeconds: Math.max(0, Math.round(Number(r.age_seconds ?? 0))),
  };
}

/** The columns every list row carries, joined per case (reports aggregated through reports_subject). */
const ROW = sql`
  SELECT c.*, coalesce(rp.n, 0) AS report_count, rp.reasons, rp.sources,
    coalesce(g.name, a.name, il.url, c.subject_id) AS subject_label,
    nullif(u.name, '') AS assignee_name,
    extract(epoch FROM now() - c.created_at) AS age_seconds
  FROM cases c
  LEFT JOIN LATERAL (
    SELECT count(*) AS n, array_agg(DISTINCT r.reason) AS reasons, array_agg(DISTINCT r.source) AS sources
    FROM reports r
    WHERE r.platform = c.platform AND r.subject_type = c.subject_type AND r.subject_id = c.subject_id
  ) rp ON true
  LEFT JOIN groups g ON c.subject_type = 'group' AND g.platform = c.platform AND g.external_id = c.subject_id
  LEFT JOIN accounts a ON c.subject_type = 'account' AND a.platform = c.platform AND a.external_id = c.subject_id
  LEFT JOIN invite_links il ON c.subject_type = 'invite_link' AND il.platform = c.platform AND il.code = c.subject_id
  LEFT JOIN users u ON c.assigned_to = 'user:' || u.email`;

const REASON_SQL = sql`lower(regexp_replace(trim(r.reason), '[[:space:]-]+', '_', 'g'))`;

function where(f: CaseListFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.queues) parts.push(sql`c.queue = ANY(${sql.param([...f.queues])}::text[])`);
  if (f.status === "undecided") parts.push(sql`c.status <> 'closed'`);
  else if (f.status) parts.push(sql`c.status = ${f.status}`);
  if (f.assignedTo === null) parts.push(sql`c.assigned_to IS NULL`);
  else if (f.assignedTo) parts.push(sql`c.assigned_to = ${f.assignedTo}`);
  if (f.mine)
    parts.push(sql`(c.assigned_to = ${f.mine} OR (c.status = 'claimed' AND c.claimed_by = ${f.mine}))`);
  if (f.platform) parts.push(sql`c.platform = ${f.platform}`);
  if (f.subjectType) parts.push(sql`c.subject_type = ${f.subjectType}`);
  if (f.from) parts.push(sql`c.created_at >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) parts.push(sql`c.created_at < ${f.to.toISOString()}::timestamptz`);
  if (f.reason || f.source) {
    const conds: SQL[] = [
      sql`r.platform = c.platform AND r.subject_type = c.subject_type AND r.subject_id = c.subject_id`,
    ];
    if (f.reason) conds.push(sql`${REASON_SQL} = ${f.reason}`);
    if (f.source) conds.push(sql`r.source = ${f.source}`);
    parts.push(sql`EXISTS (SELECT 1 FROM reports r WHERE ${sql.join(conds, sql` AND `)})`);
  }
  return sql.join(parts, sql` AND `);
}

function orderBy(f: CaseListFilter): SQL {
  // "desc" means the most urgent first: highest priority, oldest, most reported.
  const dir = f.order === "desc" ? sql`DESC` : sql`ASC`;
  const inverse = f.order === "desc" ? sql`ASC` : sql`DESC`;
  if (f.sort === "age") return sql`c.created_at ${inverse}, c.id ${inverse}`;
  if (f.sort === "reports") return sql`report_count ${dir}, c.priority DESC, c.created_at ASC, c.id ASC`;
  return sql`c.priority ${dir}, c.created_at ASC, c.id ASC`;
}

export class CaseListRepository {
  constructor(private readonly db: VigilDb) {}

  async list(filter: CaseListFilter): Promise<{ rows: CaseListRow[]; total: number }> {
    const w = where(filter);
    const rows = (await this.db.execute(sql`${ROW} WHERE ${w} ORDER BY ${orderBy(filter)}
      LIMIT ${filter.limit} OFFSET ${filter.offset}`)) as unknown as { rows: Raw[] };
    const total = (await this.db.execute(
      sql`SELECT count(*)::int AS n FROM cases c WHERE ${w}`,
    )) as unknown as { rows: Raw[] };
    return { rows: rows.rows.map(toRow), total: Number(total.rows[0]?.n ?? 0) };
  }

  async byIds(ids: readonly number[]): Promise<CaseListRow[]> {
    if (ids.length === 0) return [];
    const rows = (await this.db.execute(
      sql`${ROW} WHERE c.id = ANY(${sql.param([...ids])}::bigint[]) ORDER BY c.priority DESC, c.id DESC`,
    )) as unknown as { rows: Raw[] };
    return rows.rows.map(toRow);
  }

  /** Every case about these subjects (`platform\ntype\nid`), undecided first, newest first. */
  async forSubjects(keys: readonly string[], undecidedOnly: boolean): Promise<CaseListRow[]> {
    if (keys.length === 0) return [];
    const split = keys.map((k) => k.split("\n"));
    const rows = (await this.db.execute(sql`${ROW}
      JOIN unnest(${sql.param(split.map((s) => s[0]))}::text[], ${sql.param(split.map((s) => s[1]))}::text[],
                  ${sql.param(split.map((s) => s[2]))}::text[]) AS s(platform, subject_type, subject_id)
        ON c.platform = s.platform AND c.subject_type = s.subject_type AND c.subject_id = s.subject_id
      ${undecidedOnly ? sql`WHERE c.status <> 'closed'` : sql``}
      ORDER BY (c.status = 'closed'), c.id DESC LIMIT 500`)) as unknown as { rows: Raw[] };
    return rows.rows.map(toRow);
  }
}
