/**
 * CyberTipline submissions: each row is one attempt and the outbox entry of
 * the submission job. A request inserts attempt 1 as `pending`; the job claims
 * due rows under a lease (SKIP LOCKED), advances them through the lifecycle
 * (report/cybertip/lifecycle.ts) with conditional UPDATEs, and on failure ends
 * the attempt and queues the next one in the same transaction. Unique indexes
 * (0004-cybertip) keep one attempt active and one report finished per case and
 * kind, whatever the races.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { CyberTipStep } from "../../domain/cybertip-lifecycle.js";
import { nextCyberTipState } from "../../domain/cybertip-lifecycle.js";
import type { VigilDb } from "../database.js";
import { auditLog, type CyberTipKind, cases, cybertipReports, moderationEvents } from "../schema.js";

export type CyberTipRow = typeof cybertipReports.$inferSelect;

export class CyberTipInProgressError extends Error {
  override readonly name = "CyberTipInProgress";
}
export class CyberTipAlreadyFiledError extends Error {
  override readonly name = "CyberTipAlreadyFiled";
}
export class CyberTipLeaseLostError extends Error {
  override readonly name = "CyberTipLeaseLost";
}

export interface CyberTipRequest {
  caseId: number;
  kind: CyberTipKind;
  requestedBy: string;
  inputs: Record<string, unknown>;
}

export interface StepFields {
  ncmecReportId?: string;
  xmlSha256?: string;
  fileIds?: string[];
  error?: string;
}

const ACTIVE = sql`state IN ('pending', 'opened', 'files_uploaded', 'fileinfo_sent')`;

export class CyberTipRepository {
  constructor(private readonly db: VigilDb) {}

  /** Records a reviewer's request as attempt 1 (or the next attempt after earlier failed ones). */
  async request(req: CyberTipRequest): Promise<CyberTipRow> {
    return this.db.transaction(async (tx) => {
      // Serialises requests for one case, so the attempt number below cannot race.
      const [kase] = await tx
        .select({ id: cases.id })
        .from(cases)
        .where(eq(cases.id, req.caseId))
        .for("update");
      if (!kase) throw new Error(`no case ${req.caseId}`);
      const rows = await tx
        .select()
        .from(cybertipReports)
        .where(and(eq(cybertipReports.caseId, req.caseId), eq(cybertipReports.kind, req.kind)));
      const filed = rows.find((r) => r.state === "finished");
      if (filed) {
        throw new CyberTipAlreadyFiledError(
          `case ${req.caseId} already has a finished ${req.kind} report (${filed.ncmecReportId})`,
        );
      }
      const attempt = Math.max(0, ...rows.map((r) => r.attempt)) + 1;
      const [row] = await tx
        .insert(cybertipReports)
        .values({ ...req, attempt, state: "pending" })
        .onConflictDoNothing()
        .returning();
      if (!row)
        throw new CyberTipInProgressError(`a ${req.kind} report for case ${req.caseId} is being submitted`);
      await tx.insert(auditLog).values({
        actor: req.requestedBy,
        action: "cybertip.request",
        targetType: "case",
        targetId: String(req.caseId),
        detail: { kind: req.kind, attempt, inputs: req.inputs },
      });
      return row;
    });
  }

  /** Active attempts nobody holds (new ones, and those whose job died): leased to the caller. */
  async claimDue(now: Date, limit: number, leaseMs: number): Promise<CyberTipRow[]> {
    return this.db
      .update(cybertipReports)
      .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
      .where(
        sql`${cybertipReports.id} IN (
          SELECT id FROM cybertip_reports
          WHERE ${ACTIVE} AND (lease_until IS NULL OR lease_until < ${now.toISOString()})
          ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)`,
      )
      .returning();
  }

  /** Moves an attempt one step; refused when the row is no longer in the state the caller holds. */
  async advance(
    row: CyberTipRow,
    step: CyberTipStep,
    fields: StepFields,
    leaseMs: number,
    tx: VigilDb = this.db,
  ): Promise<CyberTipRow> {
    const state = nextCyberTipState(row.state, step);
    const [updated] = await tx
      .update(cybertipReports)
      .set({
        ...fields,
        state,
        updatedAt: sql`now()`,
        leaseUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval`,
        ...(state === "finished" ? { finishedAt: sql`now()`, leaseUntil: null } : {}),
      })
      .where(and(eq(cybertipReports.id, row.id), eq(cybertipReports.state, row.state)))
      .returning();
    if (!updated) throw new CyberTipLeaseLostError(`attempt ${row.id} moved on without this job`);
    return updated;
  }

  /** The report is filed: finished row, `report_sent` moderation event on the case, audit entry; one transaction. */
  async finish(row: CyberTipRow, fileIds: string[]): Promise<CyberTipRow> {
    return this.db.transaction(async (tx) => {
      const done = await this.advance(row, "finished", { fileIds }, 0, tx);
      const [kase] = await tx.select().from(cases).where(eq(cases.id, row.caseId));
      const detail = {
        ncmec_report_id: done.ncmecReportId,
        kind: done.kind,
        attempt: done.attempt,
        xml_sha256: done.xmlSha256,
        files: fileIds.length,
      };
      await tx.insert(moderationEvents).values({
        caseId: kase.id,
        platform: kase.platform,
        subjectType: kase.subjectType,
        subjectId: kase.subjectId,
        kind: "report_sent",
        actor: row.requestedBy,
        detail,
      });
      await tx.insert(auditLog).values({
        actor: row.requestedBy,
        action: "cybertip.finished",
        targetType: "case",
        targetId: String(row.caseId),
        detail,
      });
      return done;
    });
  }

  /** Ends a failed attempt (retracted or failed) and, while attempts remain, queues the next from scratch. */
  async endAttempt(
    row: CyberTipRow,
    step: "retracted" | "failed",
    error: string,
    maxAttempts: number,
    retryDelayMs = 0,
  ): Promise<CyberTipRow | null> {
    return this.db.transaction(async (tx) => {
      await this.advance(row, step, { error }, 0, tx);
      await tx.update(cybertipReports).set({ leaseUntil: null }).where(eq(cybertipReports.id, row.id));
      if (row.attempt >= maxAttempts) return null;
      const [next] = await tx
        .insert(cybertipReports)
        .values({
          caseId: row.caseId,
          kind: row.kind,
          requestedBy: row.requestedBy,
          inputs: row.inputs,
          attempt: row.attempt + 1,
          state: "pending",
          // Not claimable before then: a retry waits out whatever made NCMEC fail.
          leaseUntil: new Date(Date.now() + retryDelayMs),
        })
        .onConflictDoNothing()
        .returning();
      return next ?? null;
    });
  }

  async forCase(caseId: number): Promise<CyberTipRow[]> {
    return this.db
      .select()
      .from(cybertipReports)
      .where(eq(cybertipReports.caseId, caseId))
      .orderBy(asc(cybertipReports.id));
  }

  async get(id: number): Promise<CyberTipRow | null> {
    const [row] = await this.db.select().from(cybertipReports).where(eq(cybertipReports.id, id));
    return row ?? null;
  }
}
