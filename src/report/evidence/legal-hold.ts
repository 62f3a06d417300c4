/**
 * Legal holds. A CyberTipline report preserves its case for one year from the
 * report (18 U.S.C. 2258A(h)(1) as amended by the REPORT Act of 2024), so
 * filing a report places a hold automatically (`onReportFiled`); reviewers and
 * liaisons may place more by hand, and extend them. Only an admin may move a
 * hold's end earlier or release it, with a reason. Placing a hold seals a
 * snapshot of the case record into the vault and pins the media the case
 * references, so what was reported can be produced even after live rows change.
 */

import { createHash } from "node:crypto";
import type { HoldRow } from "../../store/repositories/legal-hold-repository.js";
import { buildCaseRecord, caseMediaIds, caseRecordBytes } from "./case-record.js";
import { type EvidenceActor, hasAdminAuthority, SYSTEM_ACTOR } from "./evidence-actor.js";
import type { EvidenceDeps } from "./evidence-deps.js";
import { EvidenceError } from "./evidence-error.js";

export interface PlaceHold {
  caseId: number;
  reason: string;
  until: Date;
  /** Set when a filed report placed the hold: one hold per report, however often it is announced. */
  reportId?: string;
  by?: EvidenceActor;
}

export interface ReportFiled {
  caseId: number;
  reportId: string;
  /** When the report was finished (submitted) at the CyberTipline. */
  finishedAt: Date;
}

export interface HoldPlaced {
  hold: HoldRow;
  /** False when this report's hold already existed. */
  created: boolean;
}

/** One calendar year later (UTC); 29 February becomes 1 March. */
export function oneYearAfter(date: Date): Date {
  const later = new Date(date.getTime());
  later.setUTCFullYear(later.getUTCFullYear() + 1);
  return later;
}

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed === "") throw new EvidenceError("HoldReasonRequired", "a legal hold needs a reason");
  return trimmed.slice(0, 2000);
}

function holdDetail(hold: HoldRow, by: EvidenceActor): Record<string, unknown> {
  return {
    role: by.role,
    hold_id: hold.id,
    case_id: hold.caseId,
    report_id: hold.reportId,
    reason: hold.reason,
    held_until: hold.heldUntil.toISOString(),
  };
}

export class LegalHolds {
  constructor(private readonly deps: EvidenceDeps) {}

  async placeHold(request: PlaceHold): Promise<HoldPlaced> {
    const by = request.by ?? SYSTEM_ACTOR;
    const reason = requireReason(request.reason);
    const now = this.deps.clock();
    if (Number.isNaN(request.until.getTime()) || request.until <= now) {
      throw new EvidenceError("InvalidHoldUntil", "a hold must last until a moment in the future");
    }
    const mediaIds = await caseMediaIds(this.deps, request.caseId);
    const record = caseRecordBytes(await buildCaseRecord(this.deps, request.caseId));
    // The snapshot is sealed before the transaction (file I/O); if the hold is not written, it is removed again.
    const sealed = await this.deps.vault.put(record);
    let placedNew = false;
    try {
      const result = await this.deps.holds.place(
        {
          caseId: request.caseId,
          reason,
          reportId: request.reportId,
          placedBy: by.actor,
          placedAt: now,
          heldUntil: request.until,
          mediaIds,
          snapshot: {
            blobRef: sealed.ref,
            sha256: createHash("sha256").update(record).digest("hex"),
            size: record.length,
          },
        },
        (hold) => ({
          actor: by.actor,
          action: "evidence.hold.place",
          targetType: "case",
          targetId: String(request.caseId),
          detail: { ...holdDetail(hold, by), media: mediaIds },
        }),
      );
      placedNew = result.kind === "placed";
      return { hold: result.hold, created: placedNew };
    } finally {
      if (!placedNew) await this.deps.vault.delete(sealed.ref);
    }
  }

  /** Called by the CyberTipline module when a report is finished: a hold for a year from the report. */
  async onReportFiled(report: ReportFiled): Promise<HoldPlaced> {
    return this.placeHold({
      caseId: report.caseId,
      reportId: report.reportId,
      reason: `CyberTipline report ${report.reportId} filed; preserved for one year (18 U.S.C. 2258A(h))`,
      until: oneYearAfter(report.finishedAt),
      by: { actor: "system:cybertipline", role: "system" },
    });
  }

  /** Moves a hold's end. Later is always allowed; earlier only with admin authority. */
  async extendHold(holdId: number, until: Date, by: EvidenceActor, reason = ""): Promise<HoldRow> {
    if (Number.isNaN(until.getTime())) throw new EvidenceError("InvalidHoldUntil", "not a date");
    const result = await this.deps.holds.changeUntil(holdId, until, hasAdminAuthority(by), (before) => ({
      actor: by.actor,
      action: "evidence.hold.extend",
      targetType: "case",
      targetId: String(before.caseId),
      detail: {
        ...holdDetail(before, by),
        held_until_before: before.heldUntil.toISOString(),
        held_until: until.toISOString(),
        reason: reason || before.reason,
      },
    }));
    switch (result.kind) {
      case "changed":
        return result.hold;
      case "not_found":
        throw new EvidenceError("HoldNotFound", `no legal hold ${holdId}`);
      case "released":
        throw new EvidenceError("HoldAlreadyReleased", `legal hold ${holdId} was released`);
      case "would_shorten":
        throw new EvidenceError(
          "HoldShorteningForbidden",
          `legal hold ${holdId} runs until ${result.hold.heldUntil.toISOString()}; only an admin may end it earlier`,
        );
    }
  }

  async releaseHold(holdId: number, by: EvidenceActor, reason: string): Promise<HoldRow> {
    if (!hasAdminAuthority(by)) {
      await this.deps.audit.append({
        actor: by.actor,
        action: "evidence.hold.release_refused",
        targetType: "legal_hold",
        targetId: String(holdId),
        detail: { role: by.role, error: "HoldReleaseForbidden" },
      });
      throw new EvidenceError("HoldReleaseForbidden", "only an admin may release a legal hold");
    }
    const why = requireReason(reason);
    const current = await this.deps.holds.get(holdId);
    const result = await this.deps.holds.release(holdId, by.actor, why, this.deps.clock(), {
      actor: by.actor,
      action: "evidence.hold.release",
      targetType: "case",
      targetId: String(current?.caseId ?? ""),
      detail: { role: by.role, hold_id: holdId, reason: why },
    });
    switch (result.kind) {
      case "released":
        return result.hold;
      case "not_found":
        throw new EvidenceError("HoldNotFound", `no legal hold ${holdId}`);
      case "already_released":
        throw new EvidenceError("HoldAlreadyReleased", `legal hold ${holdId} was already released`);
    }
  }

  async holdsOfCase(caseId: number): Promise<HoldRow[]> {
    return this.deps.holds.ofCase(caseId);
  }
}
