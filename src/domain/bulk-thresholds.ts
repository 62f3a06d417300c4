/**
 * How many people besides the requester must confirm a batch before it may run (issue 10:
 * "a lead's confirmation above a configurable size, two people for the biggest batches").
 * The requirement is fixed when the batch is sealed, so changing the configuration later does
 * not loosen a batch already waiting.
 */
import type { UserRole } from "./roles.js";

export interface BulkThresholds {
  /** More targets than this need one confirmer (VIGIL_BULK_CONFIRM_ABOVE, default 100). */
  confirmAbove: number;
  /** More targets than this need two distinct confirmers (VIGIL_BULK_TWO_PERSON_ABOVE, default 10,000). */
  twoPersonAbove: number;
}

export const DEFAULT_BULK_THRESHOLDS: BulkThresholds = { confirmAbove: 100, twoPersonAbove: 10_000 };

/** Roles whose confirmation counts; a confirmer is never the requester. */
export const CONFIRMING_ROLES: readonly UserRole[] = ["lead", "admin"];

/** 0, 1 or 2 confirmations from people other than the requester. */
export function confirmationsRequired(targetCount: number, thresholds: BulkThresholds): 0 | 1 | 2 {
  if (targetCount > thresholds.twoPersonAbove) return 2;
  if (targetCount > thresholds.confirmAbove) return 1;
  return 0;
}

/** Why a batch may not run yet, named as the API names it. */
export type ConfirmationShortfall = "ConfirmationRequired" | "SecondConfirmationRequired";

export function confirmationShortfall(required: number, confirmed: number): ConfirmationShortfall | null {
  if (confirmed >= required) return null;
  return confirmed === 0 ? "ConfirmationRequired" : "SecondConfirmationRequired";
}

export type ConfirmationCheck =
  | { ok: true }
  | { ok: false; error: "OwnBatch" | "ForbiddenRole" | "AlreadyConfirmed"; message: string };

/** Whether this person's confirmation may count (uniqueness is also enforced by the database). */
export function checkConfirmer(
  confirmer: { actor: string; role: UserRole },
  batch: { requestedBy: string },
  earlier: readonly { confirmedBy: string }[],
): ConfirmationCheck {
  if (confirmer.actor === batch.requestedBy) {
    return { ok: false, error: "OwnBatch", message: "the requester cannot confirm their own batch" };
  }
  if (!CONFIRMING_ROLES.includes(confirmer.role)) {
    return { ok: false, error: "ForbiddenRole", message: `a ${confirmer.role} cannot confirm a batch` };
  }
  if (earlier.some((c) => c.confirmedBy === confirmer.actor)) {
    return { ok: false, error: "AlreadyConfirmed", message: "this person has already confirmed the batch" };
  }
  return { ok: true };
}
