/**
 * Deleting evidence on purpose (an operator's request, the retention job).
 * The hold check happens inside the removal's transaction with the rows
 * locked; a refusal is an `EvidenceUnderLegalHold` error and is itself written
 * to the audit log, since an attempt to destroy held evidence is something an
 * auditor must be able to find. Ciphertext is deleted only after the database
 * no longer points at it (a crash in between leaves an unreferenced blob, never
 * a reference to nothing).
 */
import type { AuditEntry } from "../../store/repositories/audit-repository.js";
import type { RemovalResult } from "../../store/repositories/evidence-repository.js";
import type { EvidenceActor } from "./evidence-actor.js";
import type { EvidenceDeps } from "./evidence-deps.js";
import { EvidenceError } from "./evidence-error.js";

export type EvidenceTarget =
  | { kind: "media"; mediaId: string }
  | { kind: "snapshot"; snapshotId: number }
  | { kind: "case"; caseId: number };

function targetOf(target: EvidenceTarget): { targetType: string; targetId: string } {
  switch (target.kind) {
    case "media":
      return { targetType: "media", targetId: target.mediaId };
    case "snapshot":
      return { targetType: "evidence_snapshot", targetId: String(target.snapshotId) };
    case "case":
      return { targetType: "case", targetId: String(target.caseId) };
  }
}

export class EvidenceDeletion {
  constructor(private readonly deps: EvidenceDeps) {}

  /**
   * Removes the target's evidence unless a legal hold keeps it. `action` names
   * the audit entry (`evidence.delete`, `evidence.purge`); returns false when
   * there was nothing stored to remove.
   */
  async delete(
    target: EvidenceTarget,
    by: EvidenceActor,
    reason: string,
    action = "evidence.delete",
  ): Promise<boolean> {
    const now = this.deps.clock();
    const audit: AuditEntry = {
      actor: by.actor,
      action,
      ...targetOf(target),
      detail: { role: by.role, reason },
    };
    const result =
      (await this.heldByCurrentReference(target, now)) ?? (await this.remove(target, now, audit));
    if (result.kind === "held") {
      await this.deps.audit.append({
        ...audit,
        action: `${action}_refused`,
        detail: { ...audit.detail, error: "EvidenceUnderLegalHold", holds: result.holdIds },
      });
      throw new EvidenceError(
        "EvidenceUnderLegalHold",
        `${audit.targetType} ${audit.targetId} is under legal hold (${result.holdIds.map((id) => `hold ${id}`).join(", ")}); it cannot be deleted`,
        { holds: result.holdIds },
      );
    }
    if (result.kind === "absent") return false;
    for (const ref of result.blobRefs) await this.deps.vault.delete(ref);
    return true;
  }

  /**
   * Media a held case references now but that was not pinned when the hold was
   * placed (the pinned ones are re-checked under row locks in the removal).
   */
  private async heldByCurrentReference(target: EvidenceTarget, now: Date): Promise<RemovalResult | null> {
    if (target.kind !== "media") return null;
    const heldCases = await this.deps.holds.heldCaseIds(now);
    const current = await this.deps.evidence.mediaOfCases({ caseIds: [...heldCases] });
    const holding = [...current].filter(([, ids]) => ids.includes(target.mediaId)).map(([caseId]) => caseId);
    if (holding.length === 0) return null;
    const holds = await Promise.all(holding.map((caseId) => this.deps.holds.holdsOnCase(caseId, now)));
    return { kind: "held", holdIds: holds.flat() };
  }

  private remove(target: EvidenceTarget, now: Date, audit: AuditEntry): Promise<RemovalResult> {
    switch (target.kind) {
      case "media":
        return this.deps.evidence.removeMediaBlob(target.mediaId, now, audit);
      case "snapshot":
        return this.deps.evidence.removeSnapshot(target.snapshotId, now, audit);
      case "case":
        return this.deps.evidence.removeCase(target.caseId, now, audit);
    }
  }
}
