/**
 * The case workspace's writes and reads beside the decision (issue 16): notes
 * and assignments are append-only moderation events of kind `comment` (a
 * note carries `note` and a folded copy in `search`; an assignment carries
 * `assigned_to`), and an assignment also sets cases.assigned_to in the same
 * transaction, as the claim projection does. Also: colleagues a case may be
 * assigned to, and reports an operator's rule closed automatically.
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { ActionKind } from "../../domain/actions.js";
import type { SubjectType } from "../../domain/subjects.js";
import type { VigilDb } from "../database.js";
import { actions, auditLog, cases, moderationEvents, users } from "../schema.js";
import { CaseNotFoundError, type CaseRow, type ModerationEventRow } from "./case-repository.js";

export interface AutoClosedRow {
  reportId: string;
  platform: string;
  subjectType: string;
  subjectId: string;
  source: string;
  reason: string;
  caseId: number;
  closedBy: string;
  ruleReason: string;
  closedAt: Date;
}

type Raw = Record<string, unknown>;

export class WorkspaceRepository {
  constructor(private readonly db: VigilDb) {}

  async addNote(caseId: number, actor: string, note: string, search: string): Promise<ModerationEventRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(cases).where(eq(cases.id, caseId));
      if (!row) throw new CaseNotFoundError(`no case ${caseId}`);
      const [event] = await tx
        .insert(moderationEvents)
        .values({
          caseId,
          platform: row.platform,
          subjectType: row.subjectType,
          subjectId: row.subjectId,
          kind: "comment",
          actor,
          detail: { note, search },
        })
        .returning();
      await tx.update(cases).set({ updatedAt: sql`now()` }).where(eq(cases.id, caseId));
      return event;
    });
  }

  /** Sets (or clears, with null) the assignee; logged as a comment event and in the audit log. */
  async assign(caseId: number, actor: string, assignee: string | null, note?: string): Promise<CaseRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for("update");
      if (!row) throw new CaseNotFoundError(`no case ${caseId}`);
      await tx.insert(moderationEvents).values({
        caseId,
        platform: row.platform,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        kind: "comment",
        actor,
        detail: { assigned_to: assignee, previous: row.assignedTo, ...(note ? { note } : {}) },
      });
      await tx.insert(auditLog).values({
        actor,
        action: "case.assign",
        targetType: "case",
        targetId: String(caseId),
        detail: { assigned_to: assignee, previous: row.assignedTo },
      });
      const [updated] = await tx
        .update(cases)
        .set({ assignedTo: assignee, updatedAt: sql`now()` })
        .where(eq(cases.id, caseId))
        .returning();
      return updated;
    });
  }

  /** Console users who may be assigned cases (not disabled). */
  async colleagues(): Promise<{ email: string; name: string; role: string }[]> {
    return this.db
      .select({ email: users.email, name: users.name, role: users.role })
      .from(users)
      .where(isNull(users.disabledAt))
      .orderBy(asc(users.email));
  }

  async activeUser(email: string): Promise<{ email: string; name: string } | null> {
    const [row] = await this.db
      .select({ email: users.email, name: users.name })
      .from(users)
      .where(and(eq(users.email, email.toLowerCase()), isNull(users.disabledAt)));
    return row ?? null;
  }

  /** Names of users by `user:<email>` actor. */
  async names(actors: readonly string[]): Promise<Map<string, string>> {
    const emails = actors.filter((a) => a.startsWith("user:")).map((a) => a.slice(5));
    if (emails.length === 0) return new Map();
    const rows = await this.db
      .select({ email: users.email, name: users.name })
      .from(users)
      .where(sql`${users.email} = ANY(${sql.param([...new Set(emails)])}::text[])`);
    return new Map(rows.map((r) => [`user:${r.email}`, r.name || r.email]));
  }

  /** Hotline references of these reports (by public id). */
  async references(reportIds: readonly string[]): Promise<Map<string, string>> {
    if (reportIds.length === 0) return new Map();
    const result = (await this.db.execute(sql`SELECT r.report_public_id, h.reference
      FROM hotline_intake_reports r JOIN hotline_intakes h ON h.id = r.intake_id
      WHERE r.report_public_id = ANY(${sql.param([...reportIds])}::text[])`)) as unknown as { rows: Raw[] };
    return new Map(result.rows.map((r) => [String(r.report_public_id), String(r.reference)]));
  }

  /** Reports a rule closed automatically, newest first, with the total and the count per rule. */
  async autoClosed(
    offset: number,
    limit: number,
  ): Promise<{ rows: AutoClosedRow[]; total: number; byRule: { rule: string; count: number }[] }> {
    const result = (await this.db.execute(sql`
      SELECT r.public_id, r.platform, r.subject_type, r.subject_id, r.source, r.reason, m.case_id,
             m.actor, m.detail->>'reason' AS rule_reason, m.created_at
      FROM moderation_events m JOIN reports r ON r.event_seq = m.event_seq
      WHERE m.kind = 'close' AND m.detail ? 'auto_closed'
      ORDER BY m.created_at DESC, m.id DESC LIMIT ${limit} OFFSET ${offset}`)) as unknown as { rows: Raw[] };
    const counts = (await this.db.execute(sql`
      SELECT m.actor, count(*)::int AS n FROM moderation_events m
      WHERE m.kind = 'close' AND m.detail ? 'auto_closed' GROUP BY m.actor ORDER BY 2 DESC`)) as unknown as {
      rows: Raw[];
    };
    const byRule = counts.rows.map((r) => ({ rule: String(r.actor), count: Number(r.n) }));
    return {
      rows: result.rows.map((r) => ({
        reportId: String(r.public_id),
        platform: String(r.platform),
        subjectType: String(r.subject_type),
        subjectId: String(r.subject_id),
        source: String(r.source),
        reason: String(r.reason),
        caseId: Number(r.case_id),
        closedBy: String(r.actor),
        ruleReason: String(r.rule_reason ?? ""),
        closedAt: new Date(r.created_at as string),
      })),
      total: byRule.reduce((n, r) => n + r.count, 0),
      byRule,
    };
  }
}

export interface QueuedAction {
  action: ActionKind;
  subjectType: SubjectType;
  subjectId: string;
  /** Unique per action: a repeated request queues nothing twice. */
  idempotencyKey: string;
  publicId: string;
}

/** Queues actions on a case without deciding it (a group's links and admins), with `act` events and an audit row. */
export async function queueCaseActions(
  db: VigilDb,
  c: CaseRow,
  actor: string,
  planned: readonly QueuedAction[],
  reason: string,
  audit: Record<string, unknown>,
): Promise<string[]> {
  return db.transaction(async (tx) => {
    const queued: string[] = [];
    for (const p of planned) {
      const [row] = await tx
        .insert(actions)
        .values({
          publicId: p.publicId,
          platform: c.platform,
          action: p.action,
          subjectType: p.subjectType,
          subjectId: p.subjectId,
          caseId: c.id,
          reason,
          idempotencyKey: p.idempotencyKey,
        })
        .onConflictDoNothing({ target: actions.idempotencyKey })
        .returning({ publicId: actions.publicId });
      if (!row) continue;
      queued.push(row.publicId);
      await tx.insert(moderationEvents).values({
        caseId: c.id,
        platform: c.platform,
        subjectType: p.subjectType,
        subjectId: p.subjectId,
        kind: "act",
        actor,
        detail: { action: p.action, actionId: row.publicId },
      });
    }
    await tx.insert(auditLog).values({
      actor,
      action: "case.group_actions",
      targetType: "case",
      targetId: String(c.id),
      detail: { ...audit, queued },
    });
    return queued;
  });
}
