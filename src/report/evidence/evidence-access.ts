/**
 * Opening evidence: a media blob or a sealed case snapshot, decrypted. Every
 * open is written to the audit log (who, with which role, why) before the
 * bytes are read, like the console's media reveal: an open that was not
 * logged never happened.
 */
import type { EvidenceActor } from "./evidence-actor.js";
import type { EvidenceDeps } from "./evidence-deps.js";
import { EvidenceError } from "./evidence-error.js";

export interface OpenedMedia {
  mediaId: string;
  mime: string | null;
  bytes: Buffer;
}

export class EvidenceAccess {
  constructor(private readonly deps: EvidenceDeps) {}

  async openMedia(mediaId: string, by: EvidenceActor, purpose: string): Promise<OpenedMedia> {
    const row = await this.deps.media.get(mediaId);
    if (!row?.blobRef) throw new EvidenceError("EvidenceNotFound", `no stored bytes for media ${mediaId}`);
    await this.deps.audit.append({
      actor: by.actor,
      action: "evidence.open",
      targetType: "media",
      targetId: mediaId,
      detail: { role: by.role, purpose },
    });
    return { mediaId, mime: row.mime, bytes: await this.deps.vault.get(row.blobRef) };
  }

  async openSnapshot(snapshotId: number, by: EvidenceActor, purpose: string): Promise<Buffer> {
    const row = await this.deps.evidence.snapshot(snapshotId);
    if (!row?.blobRef) throw new EvidenceError("EvidenceNotFound", `no stored snapshot ${snapshotId}`);
    await this.deps.audit.append({
      actor: by.actor,
      action: "evidence.open",
      targetType: "evidence_snapshot",
      targetId: String(snapshotId),
      detail: { role: by.role, purpose, case_id: row.caseId },
    });
    return this.deps.vault.get(row.blobRef);
  }
}
