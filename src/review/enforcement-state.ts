/**
 * The case workspace's enforcement panel (issue 16): a subject's current
 * state on the platform, each action's delivery, which actions would change
 * nothing, and the filter that keeps a decision from queueing an action whose
 * subject is already in that state (pending or delivered), saying so.
 */

import type {
  ActionDeliveryView,
  ActionOptionView,
  SkippedActionView,
  SubjectStatusView,
} from "../api/review-views.js";
import type { ActionKind } from "../domain/actions.js";
import type { PlannedAction } from "../domain/decisions.js";
import {
  ACTION_SETS_STATE,
  alreadyInState,
  deliveryState,
  foldEnforcement,
  type SubjectEnforcement,
} from "../domain/enforcement.js";
import type { ActionFactRow } from "../store/repositories/enforcement-repository.js";
import { subjectKey } from "../store/repositories/enforcement-repository.js";

export function actionDeliveryView(f: ActionFactRow): ActionDeliveryView {
  return {
    id: f.publicId,
    action: f.action,
    subject: { platform: f.platform, type: f.subjectType, id: f.subjectId },
    case_id: f.caseId,
    origin: f.origin,
    automatic: f.origin.startsWith("rule:") || f.origin === "system",
    delivery: deliveryState(f),
    attempts: f.attempts,
    last_error: f.lastError,
    last_status: f.lastStatus,
    next_attempt_at: f.nextAttemptAt?.toISOString() ?? null,
    created_at: f.createdAt.toISOString(),
    delivered_at: f.deliveredAt?.toISOString() ?? null,
  };
}

/** Facts grouped by subject key, folded. */
export function enforcementBySubject(facts: readonly ActionFactRow[]): Map<string, SubjectEnforcement> {
  const grouped = new Map<string, ActionFactRow[]>();
  for (const f of facts) {
    const key = subjectKey(f.platform, f.subjectType, f.subjectId);
    grouped.set(key, [...(grouped.get(key) ?? []), f]);
  }
  return new Map([...grouped].map(([k, list]) => [k, foldEnforcement(list)]));
}

export function subjectStatusView(
  e: SubjectEnforcement | undefined,
  linkStatus: string | null,
): SubjectStatusView {
  const by = e?.by ?? null;
  return {
    enforcement: e?.state ?? "none",
    delivery: by ? deliveryState(by) : null,
    since: by ? (by.deliveredAt ?? by.createdAt).toISOString() : null,
    action_id: by?.publicId ?? null,
    link_status: linkStatus,
  };
}

function stateSentence(action: ActionKind, e: SubjectEnforcement): string {
  const by = e.by;
  const state = e.state === "none" ? "not acted on" : `already ${e.state}`;
  if (!by) return `${state}: ${action} would change nothing`;
  const delivery = deliveryState(by);
  const when = (by.deliveredAt ?? by.createdAt).toISOString();
  return `${state} (${delivery} ${when}, ${by.publicId}): ${action} would change nothing`;
}

export function actionOptions(
  actions: readonly ActionKind[],
  e: SubjectEnforcement | undefined,
): ActionOptionView[] {
  const current = e ?? { state: "none" as const, by: null };
  return actions.map((action) => {
    const already = alreadyInState(action, current) && ACTION_SETS_STATE[action] !== "none";
    return { action, already, note: already ? stateSentence(action, current) : null };
  });
}

/** Splits planned actions into those to queue and those whose subject is already in that state. */
export function withoutRepeats(
  platform: string,
  planned: readonly PlannedAction[],
  states: Map<string, SubjectEnforcement>,
): { queue: PlannedAction[]; skipped: SkippedActionView[] } {
  const queue: PlannedAction[] = [];
  const skipped: SkippedActionView[] = [];
  for (const p of planned) {
    const e = states.get(subjectKey(platform, p.subject.type, p.subject.id)) ?? {
      state: "none" as const,
      by: null,
    };
    // Reversals of nothing are still sent: the platform may hold a state Vigil never asked for.
    if (ACTION_SETS_STATE[p.action] === "none" || !alreadyInState(p.action, e)) {
      queue.push(p);
      continue;
    }
    skipped.push({
      action: p.action,
      subject: { platform, type: p.subject.type, id: p.subject.id },
      reason: "already_in_state",
      state: e.state,
      existing_action_id: e.by?.publicId ?? null,
      existing_delivery: e.by ? deliveryState(e.by) : null,
      message: stateSentence(p.action, e),
    });
  }
  return { queue, skipped };
}
