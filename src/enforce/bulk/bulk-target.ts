/**
 * Checks on a batch's targets and the key that makes each target's action unique in the outbox.
 * Types are in domain/bulk.ts.
 */
import { ACTION_SUBJECT } from "../../domain/actions.js";
import type { BulkTarget } from "../../domain/bulk.js";

export type { BulkAction, BulkSubjectKind, BulkTarget } from "../../domain/bulk.js";
export { BULK_ACTIONS, BULK_SUBJECT_KINDS } from "../../domain/bulk.js";

/** Null when the action fits the subject; otherwise why not. */
export function targetProblem(target: BulkTarget): string | null {
  const wants = ACTION_SUBJECT[target.action];
  return wants === target.subjectKind
    ? null
    : `${target.action} applies to a ${wants}, not a ${target.subjectKind}`;
}

/**
 * The outbox idempotency key of a target's action (`bulk:<batch>:<action>:<subject>`): the unique
 * index on it means a resumed or repeated execution can never queue the action twice. The SQL
 * that enqueues builds the same string (bulk-repository.ts); a test checks they agree.
 */
export function bulkIdempotencyKey(
  batchId: number,
  target: Pick<BulkTarget, "action" | "subjectKind" | "platformId">,
): string {
  return `bulk:${batchId}:${target.action}:${target.subjectKind}:${target.platformId}`;
}

/** The key of the reversal of an action a batch queued. */
export function bulkReversalKey(batchId: number, actionId: number): string {
  return `bulk-reverse:${batchId}:${actionId}`;
}
