/**
 * The bulk enforcement API's shapes (issue 10): targets in, and a batch out with its preview
 * (counts by action and by evidence, a sample), who confirmed it and what it still needs, and its
 * progress through the outbox. Also turns a `BulkRefused` into the API's named error.
 */
import { z } from "zod";
import type { BulkContext } from "../app/context.js";
import { BULK_ACTIONS, BULK_STATUSES, BULK_SUBJECT_KINDS, type BulkTarget } from "../domain/bulk.js";
import { BulkRefused } from "../domain/bulk-errors.js";
import { confirmationShortfall } from "../domain/bulk-thresholds.js";
import { targetProblem } from "../enforce/bulk/bulk-target.js";
import type { BulkPhaseProgress } from "../store/repositories/bulk-outbox-repository.js";
import { ApiError } from "./errors.js";

/** Targets per request: a 130,000-account ring arrives in several requests (`/targets`). */
export const MAX_TARGETS_PER_REQUEST = 20_000;
const SAMPLE_SIZE = 20;

export const BulkTargetBody = z.strictObject({
  subject_kind: z.enum(BULK_SUBJECT_KINDS),
  platform_id: z.string().min(1).max(200),
  action: z.enum(BULK_ACTIONS),
  evidence: z.array(z.string().min(1).max(100)).max(20).default([]),
});
export const BulkTargetsBody = z.array(BulkTargetBody).max(MAX_TARGETS_PER_REQUEST);

/** Validated targets in the domain's shape; a subject/action mismatch is refused with its index. */
export function toTargets(body: z.infer<typeof BulkTargetsBody>): BulkTarget[] {
  const targets = body.map((t) => ({
    subjectKind: t.subject_kind,
    platformId: t.platform_id,
    action: t.action,
    evidence: t.evidence,
  }));
  const problems = targets.flatMap((t, i) => {
    const problem = targetProblem(t);
    return problem ? [{ path: `targets.${i}`, message: problem }] : [];
  });
  if (problems.length > 0)
    throw new ApiError("InvalidRequest", "some targets do not fit their action", problems.slice(0, 50));
  return targets;
}

const Phase = z.object({
  enqueued: z.number(),
  delivered: z.number(),
  failing: z.number(),
  failed: z.number(),
});

export const BulkBatchView = z.object({
  id: z.number(),
  platform: z.string(),
  reason: z.string(),
  status: z.enum(BULK_STATUSES),
  source: z.object({ kind: z.enum(["list", "expansion"]), expansion_id: z.string().optional() }),
  requested_by: z.string(),
  target_count: z.number(),
  confirmation: z.object({
    required: z.number(),
    confirmations: z.array(z.object({ by: z.string(), role: z.string(), at: z.string() })),
    /** The error `execute` would answer now, or null when the batch may run. */
    blocked_by: z.enum(["ConfirmationRequired", "SecondConfirmationRequired"]).nullable(),
  }),
  preview: z
    .object({
      by_action: z.record(z.string(), z.number()),
      by_evidence: z.record(z.string(), z.number()),
      sample: z.array(BulkTargetBody),
    })
    .nullable(),
  progress: z.object({ execution: Phase, reversal: Phase, reversible: z.number() }),
  created_at: z.string(),
  executed_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  reversal_started_at: z.string().nullable(),
  reversed_at: z.string().nullable(),
});
export type BulkBatchView = z.infer<typeof BulkBatchView>;

export const BatchParams = z.object({ id: z.coerce.number().int().positive() });

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const phase = (p: BulkPhaseProgress) => ({
  enqueued: p.enqueued,
  delivered: p.delivered,
  failing: p.failing,
  failed: p.failedHard,
});

export async function bulkBatchView(
  bulk: BulkContext,
  id: number,
  withPreview = true,
): Promise<BulkBatchView> {
  const found = await bulk.batches.find(id);
  if (!found) throw new ApiError("NotFound", `no bulk batch ${id}`);
  const { batch, confirmations } = found;
  const preview = withPreview ? await bulk.batches.preview(id, SAMPLE_SIZE) : null;
  const progress = await bulk.outbox.progress(id, bulk.failingAfterAttempts);
  const waiting = batch.status === "awaiting_confirmation" || batch.status === "draft";
  return {
    id: batch.id,
    platform: batch.platform,
    reason: batch.reason,
    status: batch.status,
    source:
      batch.source.kind === "expansion"
        ? { kind: "expansion", expansion_id: batch.source.expansionId }
        : { kind: "list" },
    requested_by: batch.requestedBy,
    target_count: batch.targetCount,
    confirmation: {
      required: batch.confirmationsRequired,
      confirmations: confirmations.map((c) => ({
        by: c.confirmedBy,
        role: c.role,
        at: c.createdAt.toISOString(),
      })),
      blocked_by: waiting ? confirmationShortfall(batch.confirmationsRequired, confirmations.length) : null,
    },
    preview: preview && {
      by_action: preview.byAction,
      by_evidence: preview.byEvidence,
      sample: preview.sample.map((t) => ({
        subject_kind: t.subjectType,
        platform_id: t.subjectId,
        action: t.action,
        evidence: t.evidence,
      })),
    },
    progress: {
      execution: phase(progress.execution),
      reversal: phase(progress.reversal),
      reversible: progress.reversible,
    },
    created_at: batch.createdAt.toISOString(),
    executed_at: iso(batch.executedAt),
    finished_at: iso(batch.finishedAt),
    reversal_started_at: iso(batch.reversalStartedAt),
    reversed_at: iso(batch.reversedAt),
  };
}

/** Runs a bulk operation, answering a refusal with its own error name. */
export async function bulkCall<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof BulkRefused)) throw error;
    throw new ApiError(error.code === "BatchNotFound" ? "NotFound" : error.code, error.message);
  }
}
