/**
 * The retention job: looks at every stored media blob and case snapshot older
 * than the retention period, asks the policy (retention-policy.ts) about each,
 * and purges what is neither held nor needed through the same guarded
 * deletion as everything else, so each purge is in the audit log and a hold
 * placed meanwhile still wins. The clock is injected; `dryRun` only reports.
 */
import type { EvidenceActor } from "./evidence-actor.js";
import { retentionMs } from "./evidence-config.js";
import { EvidenceDeletion } from "./evidence-deletion.js";
import type { EvidenceDeps } from "./evidence-deps.js";
import { EvidenceError } from "./evidence-error.js";
import { LegalHolds } from "./legal-hold.js";
import { KEEP_REASONS, type KeepReason, retentionVerdict } from "./retention-policy.js";

export interface RetentionOptions {
  retentionDays: number;
  dryRun?: boolean;
  by?: EvidenceActor;
  /** Called once with the number of items to examine, then after each one. */
  onStart?(total: number): void;
  onItem?(item: { kind: "media" | "snapshot"; id: string }, outcome: RetentionOutcome): void;
}

export type RetentionOutcome = "purged" | "would_purge" | KeepReason | "refused" | "failed";

export interface RetentionSummary {
  at: string;
  dryRun: boolean;
  examined: number;
  purged: number;
  /** Dry run: what a real run would purge. */
  wouldPurge: number;
  kept: Record<KeepReason, number>;
  /** A hold arrived between the policy's look and the deletion. */
  refused: number;
  failed: number;
  purgedItems: { kind: "media" | "snapshot"; id: string }[];
}

export const RETENTION_ACTOR: EvidenceActor = { actor: "system:retention", role: "system" };

export async function runRetention(deps: EvidenceDeps, options: RetentionOptions): Promise<RetentionSummary> {
  const now = deps.clock();
  const keepFor = retentionMs(options.retentionDays);
  const cutoff = new Date(now.getTime() - keepFor);
  const by = options.by ?? RETENTION_ACTOR;
  const deletion = new EvidenceDeletion(deps);
  const summary: RetentionSummary = {
    at: now.toISOString(),
    dryRun: options.dryRun ?? false,
    examined: 0,
    purged: 0,
    wouldPurge: 0,
    kept: Object.fromEntries(KEEP_REASONS.map((r) => [r, 0])) as Record<KeepReason, number>,
    refused: 0,
    failed: 0,
    purgedItems: [],
  };
  // A report filed without its hold (the process stopped between NCMEC's answer and the hold) gets it
  // now, before anything is judged: reported evidence is never purged for want of a hold.
  if (!summary.dryRun) {
    const holds = new LegalHolds(deps);
    for (const filed of await deps.holds.filedReportsWithoutHold()) await holds.onReportFiled(filed);
  }
  options.onStart?.(await deps.evidence.countStoredBefore(cutoff));
  const heldCases = await deps.holds.heldCaseIds(now);
  const heldMedia = await heldMediaAt(deps, now, heldCases);
  const openCaseMedia = await deps.evidence.mediaOfCases("open");
  const neededMedia = new Set([...openCaseMedia.values()].flat());
  const openCases = await deps.evidence.openCaseIds();

  for await (const item of deps.evidence.storedBefore(cutoff)) {
    summary.examined++;
    const verdict = retentionVerdict({
      held: item.kind === "media" ? heldMedia.has(item.id) : heldCases.has(item.caseId ?? -1),
      neededByOpenCase: item.kind === "media" ? neededMedia.has(item.id) : openCases.has(item.caseId ?? -1),
      ageMs: now.getTime() - item.createdAt.getTime(),
      retentionMs: keepFor,
    });
    let outcome: RetentionOutcome;
    if (verdict.kind === "keep") {
      summary.kept[verdict.because]++;
      outcome = verdict.because;
    } else if (summary.dryRun) {
      summary.wouldPurge++;
      outcome = "would_purge";
    } else {
      outcome = await purgeOne(deletion, item, by);
      if (outcome === "purged") {
        summary.purged++;
        summary.purgedItems.push({ kind: item.kind, id: item.id });
      } else if (outcome === "refused") summary.refused++;
      else summary.failed++;
    }
    options.onItem?.({ kind: item.kind, id: item.id }, outcome);
  }
  return summary;
}

/**
 * Media pinned by an active hold, and media a held case references now (a
 * photo that arrived after the hold was placed is kept too: purging is the
 * one mistake that cannot be undone).
 */
export async function heldMediaAt(
  deps: EvidenceDeps,
  now: Date,
  heldCases: Set<number>,
): Promise<Set<string>> {
  const pinned = await deps.holds.heldMediaIds(now);
  const current = await deps.evidence.mediaOfCases({ caseIds: [...heldCases] });
  return new Set([...pinned, ...[...current.values()].flat()]);
}

async function purgeOne(
  deletion: EvidenceDeletion,
  item: { kind: "media" | "snapshot"; id: string },
  by: EvidenceActor,
): Promise<RetentionOutcome> {
  const target =
    item.kind === "media"
      ? { kind: "media" as const, mediaId: item.id }
      : { kind: "snapshot" as const, snapshotId: Number(item.id) };
  try {
    await deletion.delete(
      target,
      by,
      "retention period over; not held, not needed by an open case",
      "evidence.purge",
    );
    return "purged";
  } catch (error) {
    if (error instanceof EvidenceError && error.code === "EvidenceUnderLegalHold") return "refused";
    return "failed";
  }
}
