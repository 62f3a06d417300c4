/**
 * Legal holds: placing one (with the media the case references and the sealed
 * snapshot of its record, in one transaction), changing its end, releasing it,
 * and asking what is held at a moment. A hold is active while it is not
 * released and `held_until` lies after the moment asked about; the moment is
 * always passed in, so callers (and tests) own the clock. Placing locks the
 * case and media rows, so a concurrent deletion either finishes first or sees
 * the hold.
 */
import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import {
  auditLog,
  cases,
  cybertipReports,
  evidenceSnapshots,
  legalHoldMedia,
  legalHolds,
  media,
} from "../schema.js";
import type { AuditEntry } from "./audit-repository.js";

export type HoldRow = typeof legalHolds.$inferSelect;

export interface NewHold {
  caseId: number;
  reason: string;
  reportId?: string;
  placedBy: string;
  placedAt: Date;
  heldUntil: Date;
  mediaIds: string[];
  snapshot: { blobRef: string; sha256: string; size: number };
}

export type PlaceResult = { kind: "placed"; hold: HoldRow } | { kind: "existing"; hold: HoldRow };

export type ChangeResult =
  | { kind: "changed"; before: HoldRow; hold: HoldRow }
  | { kind: "not_found" }
  | { kind: "released"; hold: HoldRow }
  | { kind: "would_shorten"; hold: HoldRow };

export type ReleaseResult =
  | { kind: "released"; hold: HoldRow }
  | { kind: "not_found" }
  | { kind: "already_released"; hold: HoldRow };

export function activeAt(now: Date) {
  return and(isNull(legalHolds.releasedAt), gt(legalHolds.heldUntil, now));
}

export class LegalHoldRepository {
  constructor(private readonly db: VigilDb) {}

  /** `audit` is written with the hold; a hold for a report already held is returned as `existing`. */
  async place(hold: NewHold, audit: (hold: HoldRow) => AuditEntry): Promise<PlaceResult> {
    return this.db.transaction(async (tx) => {
      await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, hold.caseId)).for("update");
      const [placed] = await tx
        .insert(legalHolds)
        .values({
          caseId: hold.caseId,
          reason: hold.reason,
          reportId: hold.reportId ?? null,
          placedBy: hold.placedBy,
          placedAt: hold.placedAt,
          heldUntil: hold.heldUntil,
        })
        .onConflictDoNothing()
        .returning();
      if (!placed) {
        const [existing] = await tx
          .select()
          .from(legalHolds)
          .where(and(eq(legalHolds.caseId, hold.caseId), eq(legalHolds.reportId, hold.reportId ?? "")));
        return { kind: "existing", hold: existing };
      }
      const mediaIds = [...new Set(hold.mediaIds)].sort();
      if (mediaIds.length > 0) {
        await tx.select({ id: media.id }).from(media).where(inArray(media.id, mediaIds)).for("update");
        await tx.insert(legalHoldMedia).values(mediaIds.map((mediaId) => ({ holdId: placed.id, mediaId })));
      }
      await tx.insert(evidenceSnapshots).values({
        caseId: hold.caseId,
        holdId: placed.id,
        ...hold.snapshot,
        takenBy: hold.placedBy,
        createdAt: hold.placedAt,
      });
      const entry = audit(placed);
      await tx.insert(auditLog).values({ ...entry, detail: entry.detail ?? {} });
      return { kind: "placed", hold: placed };
    });
  }

  /** Moves a hold's end; an earlier end only when `allowShorten` (admins). */
  async changeUntil(
    holdId: number,
    until: Date,
    allowShorten: boolean,
    audit: (before: HoldRow) => AuditEntry,
  ): Promise<ChangeResult> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(legalHolds).where(eq(legalHolds.id, holdId)).for("update");
      if (!row) return { kind: "not_found" };
      if (row.releasedAt) return { kind: "released", hold: row };
      if (until < row.heldUntil && !allowShorten) return { kind: "would_shorten", hold: row };
      const [hold] = await tx
        .update(legalHolds)
        .set({ heldUntil: until })
        .where(eq(legalHolds.id, holdId))
        .returning();
      const entry = audit(row);
      await tx.insert(auditLog).values({ ...entry, detail: entry.detail ?? {} });
      return { kind: "changed", before: row, hold };
    });
  }

  async release(
    holdId: number,
    by: string,
    reason: string,
    at: Date,
    audit: AuditEntry,
  ): Promise<ReleaseResult> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(legalHolds).where(eq(legalHolds.id, holdId)).for("update");
      if (!row) return { kind: "not_found" };
      if (row.releasedAt) return { kind: "already_released", hold: row };
      const [hold] = await tx
        .update(legalHolds)
        .set({ releasedAt: at, releasedBy: by, releaseReason: reason })
        .where(eq(legalHolds.id, holdId))
        .returning();
      await tx.insert(auditLog).values({ ...audit, detail: audit.detail ?? {} });
      return { kind: "released", hold };
    });
  }

  async get(holdId: number): Promise<HoldRow | null> {
    const [row] = await this.db.select().from(legalHolds).where(eq(legalHolds.id, holdId));
    return row ?? null;
  }

  async ofCase(caseId: number): Promise<HoldRow[]> {
    return this.db.select().from(legalHolds).where(eq(legalHolds.caseId, caseId)).orderBy(legalHolds.id);
  }

  async mediaOfHold(holdId: number): Promise<string[]> {
    const rows = await this.db
      .select({ mediaId: legalHoldMedia.mediaId })
      .from(legalHoldMedia)
      .where(eq(legalHoldMedia.holdId, holdId))
      .orderBy(legalHoldMedia.mediaId);
    return rows.map((r) => r.mediaId);
  }

  /** Case ids with an active hold at `now`. */
  async heldCaseIds(now: Date): Promise<Set<number>> {
    const rows = await this.db
      .selectDistinct({ caseId: legalHolds.caseId })
      .from(legalHolds)
      .where(activeAt(now));
    return new Set(rows.map((r) => r.caseId));
  }

  /** Media ids under an active hold at `now`. */
  async heldMediaIds(now: Date): Promise<Set<string>> {
    const rows = await this.db
      .selectDistinct({ mediaId: legalHoldMedia.mediaId })
      .from(legalHoldMedia)
      .innerJoin(legalHolds, eq(legalHolds.id, legalHoldMedia.holdId))
      .where(activeAt(now));
    return new Set(rows.map((r) => r.mediaId));
  }

  /** Active holds at `now` that keep this media (through the hold's media list). */
  async holdsOnMedia(mediaId: string, now: Date, tx: VigilDb = this.db): Promise<number[]> {
    const rows = await tx
      .select({ id: legalHolds.id })
      .from(legalHoldMedia)
      .innerJoin(legalHolds, eq(legalHolds.id, legalHoldMedia.holdId))
      .where(and(eq(legalHoldMedia.mediaId, mediaId), activeAt(now)));
    return rows.map((r) => r.id);
  }

  async holdsOnCase(caseId: number, now: Date, tx: VigilDb = this.db): Promise<number[]> {
    const rows = await tx
      .select({ id: legalHolds.id })
      .from(legalHolds)
      .where(and(eq(legalHolds.caseId, caseId), activeAt(now)));
    return rows.map((r) => r.id);
  }

  /** Finished CyberTipline reports that no hold names (the process stopped between NCMEC's answer and the hold). */
  async filedReportsWithoutHold(): Promise<{ caseId: number; reportId: string; finishedAt: Date }[]> {
    const rows = await this.db
      .select({
        caseId: cybertipReports.caseId,
        reportId: cybertipReports.ncmecReportId,
        finishedAt: cybertipReports.finishedAt,
      })
      .from(cybertipReports)
      .where(
        and(
          eq(cybertipReports.state, "finished"),
          sql`NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h.report_id = ${cybertipReports.ncmecReportId})`,
        ),
      );
    return rows.flatMap((r) =>
      r.reportId && r.finishedAt
        ? [{ caseId: r.caseId, reportId: r.reportId, finishedAt: r.finishedAt }]
        : [],
    );
  }
}
