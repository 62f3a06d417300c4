/**
 * Cases and the human side of the moderation log: listing queues, claiming,
 * deciding. Claims are settled by the database (a conditional UPDATE), so two
 * reviewers cannot both hold a case; a decision writes its actions to the
 * outbox in the same transaction as the decision itself.
 */
import { and, asc, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { foldCaseStatus, isAllowed, nextCaseStatus } from "../../domain/case-status.js";
import type { PlannedAction } from "../../domain/decisions.js";
import type { VigilDb } from "../database.js";
import { actions, auditLog, type CaseStatus, cases, moderationEvents } from "../schema.js";
import { newPublicId } from "./decision-writer.js";

export type CaseRow = typeof cases.$inferSelect;
export type ModerationEventRow = typeof moderationEvents.$inferSelect;

export class CaseNotFoundError extends Error {
  override readonly name = "CaseNotFound";
}

export class CaseConflictError extends Error {
  override readonly name = "CaseConflict";
}

export interface CaseFilter {
  queue?: string;
  status?: CaseStatus;
  minPriority?: number;
  /** Cases with id below this (pages of a priority-ordered list go by id within equal priority). */
  limit: number;
  beforeId?: number;
}

export interface CaseDecision {
  actor: string;
  actions: PlannedAction[];
  reason: string;
  policy: string;
  /** Actions not queued because their subject was already in that state (issue 16), for the log. */
  skipped?: Record<string, unknown>[];
}

export class CaseRepository {
  constructor(private readonly db: VigilDb) {}

  async list(filter: CaseFilter): Promise<CaseRow[]> {
    const where: SQL[] = [];
    if (filter.queue) where.push(eq(cases.queue, filter.queue));
    if (filter.status) where.push(eq(cases.status, filter.status));
    if (filter.minPriority !== undefined) where.push(gte(cases.priority, filter.minPriority));
    if (filter.beforeId !== undefined) where.push(lt(cases.id, filter.beforeId));
    return this.db
      .select()
      .from(cases)
      .where(and(...where))
      .orderBy(desc(cases.priority), desc(cases.id))
      .limit(filter.limit);
  }

  async get(id: number): Promise<{ case: CaseRow; events: ModerationEventRow[] }> {
    const [row] = await this.db.select().from(cases).where(eq(cases.id, id));
    if (!row) throw new CaseNotFoundError(`no case ${id}`);
    const history = await this.db
      .select()
      .from(moderationEvents)
      .where(eq(moderationEvents.caseId, id))
      .orderBy(asc(moderationEvents.id));
    return { case: row, events: history };
  }

  async claim(id: number, actor: string): Promise<CaseRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(cases).where(eq(cases.id, id)).for("update");
      if (!row) throw new CaseNotFoundError(`no case ${id}`);
      if (row.status === "claimed" && row.claimedBy === actor) return row;
      if (!isAllowed(row.status, "claim") || row.status === "claimed") {
        throw new CaseConflictError(
          row.status === "closed" ? `case ${id} is closed` : `case ${id} is claimed by ${row.claimedBy}`,
        );
      }
      await tx.insert(moderationEvents).values({
        caseId: id,
        platform: row.platform,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        kind: "claim",
        actor,
      });
      const [updated] = await tx
        .update(cases)
        .set({ status: nextCaseStatus(row.status, "claim"), claimedBy: actor, updatedAt: sql`now()` })
        .where(eq(cases.id, id))
        .returning();
      return updated;
    });
  }

  /** Records the decision, queues its actions in the outbox and closes the case, in one transaction. */
  async decide(id: number, decision: CaseDecision): Promise<{ case: CaseRow; actionIds: string[] }> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(cases).where(eq(cases.id, id)).for("update");
      if (!row) throw new CaseNotFoundError(`no case ${id}`);
      if (row.status === "closed") throw new CaseConflictError(`case ${id} is already decided`);
      if (row.status === "claimed" && row.claimedBy !== decision.actor) {
        throw new CaseConflictError(`case ${id} is claimed by ${row.claimedBy}`);
      }
      const [logged] = await tx
        .insert(moderationEvents)
        .values({
          caseId: id,
          platform: row.platform,
          subjectType: row.subjectType,
          subjectId: row.subjectId,
          kind: "decide",
          actor: decision.actor,
          detail: {
            actions: decision.actions,
            reason: decision.reason,
            policy: decision.policy,
            ...(decision.skipped?.length ? { skipped: decision.skipped } : {}),
          },
        })
        .returning({ id: moderationEvents.id });
      const actionIds: string[] = [];
      for (const a of decision.actions) {
        const publicId = newPublicId("act");
        actionIds.push(publicId);
        await tx.insert(actions).values({
          publicId,
          platform: row.platform,
          action: a.action,
          subjectType: a.subject.type,
          subjectId: a.subject.id,
          caseId: id,
          reason: `${decision.policy}: ${decision.reason}`,
          idempotencyKey: `case:${id}:${logged.id}:${a.action}:${a.subject.type}:${a.subject.id}`,
        });
        await tx.insert(moderationEvents).values({
          caseId: id,
          platform: row.platform,
          subjectType: a.subject.type,
          subjectId: a.subject.id,
          kind: "act",
          actor: decision.actor,
          detail: { action: a.action, actionId: publicId },
        });
      }
      await tx.insert(auditLog).values({
        actor: decision.actor,
        action: "case.decide",
        targetType: "case",
        targetId: String(id),
        detail: { actions: decision.actions, reason: decision.reason, policy: decision.policy },
      });
      const [updated] = await tx
        .update(cases)
        .set({ status: nextCaseStatus(row.status, "decide"), updatedAt: sql`now()` })
        .where(eq(cases.id, id))
        .returning();
      return { case: updated, actionIds };
    });
  }

  /** The status the log implies; equals cases.status unless something bypassed this repository. */
  async derivedStatus(id: number): Promise<CaseStatus> {
    const { events } = await this.get(id);
    return foldCaseStatus(events.map((e) => e.kind));
  }
}
