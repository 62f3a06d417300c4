/**
 * Actions Vigil asks a platform to carry out through its webhook, and their
 * reversals (sent when a decision is overturned on appeal or by a lead).
 */
import type { SubjectType } from "./subjects.js";

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
