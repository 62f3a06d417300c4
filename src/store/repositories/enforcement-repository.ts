/**
 * What the platform was asked to do to subjects (issue 16): every action on
 * a set of subjects, or queued by a case, with where it came from (the rule,
 * the person, the bulk batch) for the case workspace's enforcement panel and
 * the check that keeps a decision from queueing an action twice.
 */
import { sql } from "drizzle-orm";
import type { ActionKind } from "../../domain/actions.js";
import type { SubjectType } from "../../domain/subjects.js";
import type { VigilDb } from "../database.js";

export interface ActionFactRow {
  publicId: string;
  platform: string;
  action: ActionKind;
  subjectType: SubjectType;
  subjectId: string;
  caseId: number | null;
  status: "pending" | "delivered";
  attempts: number;
  lastError: string | null;
  lastStatus: number | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
  /** `rule:<name>@<v>`, `user:<email>`, `bulk:<id>` or `system`. */
  origin: string;
}

type Raw = Record<string, unknown>;
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

const SELECT = sql`
  SELECT a.public_id, a.platform, a.action, a.subject_type, a.subject_id, a.case_id, a.status, a.attempts,
    a.last_error, a.last_status, a.next_attempt_at, a.created_at, a.delivered_at,
    coalesce(
      CASE WHEN a.batch_id IS NOT NULL THEN 'bulk:' || a.batch_id END,
      (SELECT m.actor FROM moderation_events m
        WHERE a.case_id IS NOT NULL AND m.case_id = a.case_id AND m.kind = 'act' AND m.detail->>'actionId' = a.public_id
        LIMIT 1),
      (SELECT m.actor FROM moderation_events m WHERE m.event_seq = a.event_seq AND m.kind = 'decide' LIMIT 1),
      'system') AS origin
  FROM actions a`;

function toFact(r: Raw): ActionFactRow {
  return {
    publicId: String(r.public_id),
    platform: String(r.platform),
    action: r.action as ActionKind,
    subjectType: r.subject_type as SubjectType,
    subjectId: String(r.subject_id),
    caseId: r.case_id === null ? null : Number(r.case_id),
    status: r.status as "pending" | "delivered",
    attempts: Number(r.attempts),
    lastError: (r.last_error as string | null) ?? null,
    lastStatus: r.last_status === null ? null : Number(r.last_status),
    nextAttemptAt: r.status === "pending" ? date(r.next_attempt_at) : null,
    createdAt: date(r.created_at) as Date,
    deliveredAt: date(r.delivered_at),
    origin: String(r.origin),
  };
}

export const subjectKey = (platform: string, type: string, id: string): string =>
  `${platform}\n${type}\n${id}`;

export class EnforcementRepository {
  constructor(private readonly db: VigilDb) {}

  /** Actions on these subjects (`platform\ntype\nid` keys), oldest first. */
  async forSubjects(keys: readonly string[]): Promise<ActionFactRow[]> {
    if (keys.length === 0) return [];
    const split = keys.map((k) => k.split("\n"));
    const result = (await this.db.execute(sql`${SELECT}
      JOIN unnest(${sql.param(split.map((s) => s[0]))}::text[], ${sql.param(split.map((s) => s[1]))}::text[],
                  ${sql.param(split.map((s) => s[2]))}::text[]) AS s(platform, subject_type, subject_id)
        ON a.platform = s.platform AND a.subject_type = s.subject_type AND a.subject_id = s.subject_id
      ORDER BY a.id`)) as unknown as { rows: Raw[] };
    return result.rows.map(toFact);
  }

  /** Actions a case queued (its decisions and group actions), oldest first. */
  async forCase(caseId: number): Promise<ActionFactRow[]> {
    const result = (await this.db.execute(
      sql`${SELECT} WHERE a.case_id = ${caseId} ORDER BY a.id`,
    )) as unknown as { rows: Raw[] };
    return result.rows.map(toFact);
  }

  /** Invite links' liveness as Vigil last saw it. */
  async linkStatuses(platform: string, codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const result = (await this.db.execute(sql`SELECT code, status FROM invite_links
      WHERE platform = ${platform} AND code = ANY(${sql.param([...codes])}::text[])`)) as unknown as {
      rows: Raw[];
    };
    return new Map(result.rows.map((r) => [String(r.code), String(r.status)]));
  }
}
