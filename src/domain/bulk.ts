/**
 * The vocabulary of bulk enforcement (issue 10): what a batch may act on, which actions it may
 * carry, its statuses, and where its targets came from. Behaviour lives in src/enforce/bulk.
 */
import type { ActionKind } from "./actions.js";

export const BULK_SUBJECT_KINDS = ["account", "group"] as const;
export type BulkSubjectKind = (typeof BULK_SUBJECT_KINDS)[number];

/** Enforcement on accounts and groups; reversals are queued by reversing a batch, not listed in one. */
export const BULK_ACTIONS = [
  "ban_account",
  "disable_group",
  "warn_account",
] as const satisfies readonly ActionKind[];
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const BULK_STATUSES = [
  "draft",
  "awaiting_confirmation",
  "confirmed",
  "executing",
  "done",
  "partially_failed",
  "reversing",
  "reversed",
] as const;
export type BulkStatus = (typeof BULK_STATUSES)[number];

/** What a batch records about its origin (shown in the preview and the audit log). */
export type BulkSourceRef = { kind: "list" } | { kind: "expansion"; expansionId: string };

export interface BulkTarget {
  subjectKind: BulkSubjectKind;
  platformId: string;
  action: BulkAction;
  /** Why the target is on the list, e.g. `admin_of_confirmed_group`. */
  evidence: string[];
}
