/**
 * Actions Vigil asks a platform to carry out through its webhook, and their
 * reversals (sent when a decision is overturned on appeal or by a lead).
 */
import type { SubjectRef, SubjectType } from "./subjects.js";

export const ACTION_KINDS = [
  "ban_account",
  "unban_account",
  "disable_group",
  "enable_group",
  "revoke_invite_link",
  "restore_invite_link",
  "remove_media",
  "restore_media",
  "warn_account",
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** The subject type each action applies to; a decision naming another type is refused. */
export const ACTION_SUBJECT: Record<ActionKind, SubjectType> = {
  ban_account: "account",
  unban_account: "account",
  disable_group: "group",
  enable_group: "group",
  revoke_invite_link: "invite_link",
  restore_invite_link: "invite_link",
  remove_media: "media",
  restore_media: "media",
  warn_account: "account",
};

/** The action that undoes each one (a warning cannot be undone, only superseded). */
export const ACTION_REVERSAL: Partial<Record<ActionKind, ActionKind>> = {
  ban_account: "unban_account",
  disable_group: "enable_group",
  revoke_invite_link: "restore_invite_link",
  remove_media: "restore_media",
};

/** One action to deliver, as claimed from the outbox (the store reads it, the dispatcher sends it). */
export interface OutboxDelivery {
  /** The outbox row id (Vigil-internal; never sent). */
  id: number;
  /** The action's public id: the webhook body's `id`. */
  publicId: string;
  action: ActionKind;
  subject: SubjectRef;
  caseId: string | null;
  reason: string;
  /** Stable across every attempt; sent in the body and as the `Idempotency-Key` header. */
  idempotencyKey: string;
  /** Attempts made before this claim (0 for a new row). */
  attempts: number;
}

/** One delivery the receiver acknowledged, recorded with others in one statement. */
export interface DeliveredAck {
  id: number;
  at: Date;
  attempts: number;
  status: number;
}
