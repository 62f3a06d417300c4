/**
 * A rule's actions made concrete for one event: which group, account or
 * admins they are sent about. A target the event does not name yields no
 * action and a note in the verdict's reason, rather than a guess.
 */
import { ACTION_SUBJECT } from "../domain/actions.js";
import type { DecisionInput, PlannedAction } from "../domain/decisions.js";
import { type SubjectRef, subjectKey } from "../domain/subjects.js";
import type { RuleAction } from "./rule-schema.js";

export interface ResolvedActions {
  actions: PlannedAction[];
  /** Why an action named by the rule was not planned. */
  notes: string[];
}

function subjectsOf(target: RuleAction["target"], input: DecisionInput): SubjectRef[] | string {
  switch (target) {
    case "subject":
      return [input.subject];
    case "group":
      return input.group ? [{ type: "group", id: input.group.id }] : "the event names no group";
    case "account":
      return input.account ? [{ type: "account", id: input.account.id }] : "the event names no account";
    case "group_admins":
      if (!input.group) return "the event names no group";
      if (input.group.admins.length === 0) return `no admins known for group ${input.group.id}`;
      return input.group.admins.map((id) => ({ type: "account", id }));
  }
}

/** Deduplicates by action and subject: one webhook per thing to do, however many rules ask. */
export function addPlannedAction(into: PlannedAction[], seen: Set<string>, action: PlannedAction): void {
  const key = `${action.action}\n${subjectKey(action.subject)}`;
  if (seen.has(key)) return;
  seen.add(key);
  into.push(action);
}

export function resolveActions(ruleActions: readonly RuleAction[], input: DecisionInput): ResolvedActions {
  const actions: PlannedAction[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  for (const { action, target } of ruleActions) {
    const subjects = subjectsOf(target, input);
    if (typeof subjects === "string") {
      notes.push(`${action} not planned: ${subjects}`);
      continue;
    }
    for (const subject of subjects) {
      // Load-time validation makes this unreachable for a parsed RuleSet; kept so a wrong type never reaches a platform.
      if (subject.type !== ACTION_SUBJECT[action]) {
        notes.push(`${action} not planned: ${subjectKey(subject)} is not a ${ACTION_SUBJECT[action]}`);
        continue;
      }
      addPlannedAction(actions, seen, { action, subject });
    }
  }
  return { actions, notes };
}
