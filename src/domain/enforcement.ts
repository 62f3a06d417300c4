/**
 * What the platform has been asked to do to a subject, folded from its
 * actions: the current enforcement state (banned, disabled, revoked, removed)
 * and each action's delivery state. An action whose subject is already in the
 * state it would set (pending or delivered) is not queued again.
 */
import { ACTION_REVERSAL, type ActionKind } from "./actions.js";

export const ENFORCEMENT_STATES = ["none", "banned", "disabled", "revoked", "removed"] as const;
export type EnforcementState = (typeof ENFORCEMENT_STATES)[number];

/** pending: not yet acknowledged; failing: pending and at least one attempt failed; delivered: acknowledged. */
export const DELIVERY_STATES = ["pending", "failing", "delivered"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** The state each action puts its subject in; reversals put it back to `none`; a warning changes nothing. */
export const ACTION_SETS_STATE: Record<ActionKind, EnforcementState | null> = {
  ban_account: "banned",
  unban_account: "none",
  disable_group: "disabled",
  enable_group: "none",
  revoke_invite_link: "revoked",
  restore_invite_link: "none",
  remove_media: "removed",
  restore_media: "none",
  warn_account: null,
};

export interface ActionFact {
  publicId: string;
  action: ActionKind;
  status: "pending" | "delivered";
  attempts: number;
  createdAt: Date;
  deliveredAt: Date | null;
}

export function deliveryState(a: Pick<ActionFact, "status" | "attempts">): DeliveryState {
  if (a.status === "delivered") return "delivered";
  return a.attempts > 0 ? "failing" : "pending";
}

export interface SubjectEnforcement {
  state: EnforcementState;
  /** The action that set the state (null when nothing ever did). */
  by: ActionFact | null;
}

/**
 * The state the subject's actions leave it in, taken in the order they were
 * queued (the platform carries them out in that order; a reversal queued after
 * a ban undoes it even while either is still pending).
 */
export function foldEnforcement(facts: readonly ActionFact[]): SubjectEnforcement {
  let current: SubjectEnforcement = { state: "none", by: null };
  const ordered = [...facts].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const fact of ordered) {
    const next = ACTION_SETS_STATE[fact.action];
    if (next !== null) current = { state: next, by: fact };
  }
  return current;
}

/** Whether queueing `action` would change nothing: the subject is already in the state it sets. */
export function alreadyInState(action: ActionKind, enforcement: SubjectEnforcement): boolean {
  const target = ACTION_SETS_STATE[action];
  if (target === null) return false;
  // A reversal on a subject never acted on changes nothing either.
  if (target === "none") return enforcement.state === "none";
  return enforcement.state === target;
}

/** The reversal of each state, for sentences like "already banned; unban to undo". */
export function reversalOf(action: ActionKind): ActionKind | undefined {
  return ACTION_REVERSAL[action];
}
