/**
 * The project's safety rule, checked when a rule set loads: "classifier and
 * text signals only route work to humans; automatic bans need a bank match
 * with confirmed provenance or a rule an operator explicitly marked
 * automatic". Also refuses actions aimed at a target of the wrong kind
 * (ACTION_SUBJECT), which the platform would otherwise be asked to carry out
 * on the wrong thing. Shadow and disabled rules are held to the same bar, so
 * switching one live never bypasses it.
 */
import { ACTION_SUBJECT, type ActionKind } from "../domain/actions.js";
import type { SubjectType } from "../domain/subjects.js";
import { possibleSubjectTypes, requiresConfirmedBankMatch } from "./condition-analysis.js";
import type { RuleProblem } from "./rule-problems.js";
import type { ActionTarget, Rule } from "./rule-schema.js";

/** Whether a rule's actions may be carried out without a human: the check evaluate() repeats. */
export function mayActAutomatically(rule: Rule): boolean {
  return rule.automatic === true || requiresConfirmedBankMatch(rule.when);
}

/** The subject type a fixed target names; undefined for "subject", which depends on the event. */
export const TARGET_SUBJECT: Record<ActionTarget, SubjectType | undefined> = {
  subject: undefined,
  group: "group",
  account: "account",
  group_admins: "account",
};

const an = (noun: string) => `${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun}`;

function targetProblem(rule: Rule, action: ActionKind, target: ActionTarget): string | undefined {
  const needed = ACTION_SUBJECT[action];
  const fixed = TARGET_SUBJECT[target];
  if (fixed !== undefined) {
    return fixed === needed
      ? undefined
      : `${action} applies to ${an(needed)}, but target ${target} names ${target === "group_admins" ? "accounts (the group's admins)" : an(fixed)}`;
  }
  const possible = [...possibleSubjectTypes(rule.when)].sort();
  if (possible.every((t) => t === needed)) return undefined;
  return (
    `${action} applies to ${an(needed)}, but this rule's subject may be ${possible.join(" or ")}; ` +
    `require subject_type ["${needed}"] in when, or name a fixed target`
  );
}

export function safetyProblems(rule: Rule, index: number): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const actions = rule.then.actions ?? [];
  const at = (...rest: (string | number)[]) => ["rules", index, ...rest];
  if (actions.length > 0 && !mayActAutomatically(rule)) {
    problems.push({
      path: at("then", "actions"),
      rule: rule.name,
      message:
        "actions need a bank_match with provenance confirmed that every way of satisfying when requires " +
        '(e.g. inside a top-level all), or "automatic": true set by an operator; otherwise use a review',
    });
  }
  if (rule.then.close_reports && rule.automatic !== true) {
    problems.push({
      path: at("then", "close_reports"),
      rule: rule.name,
      message: 'close_reports closes reports without a person: it needs "automatic": true set by an operator',
    });
  }
  actions.forEach((a, i) => {
    const problem = targetProblem(rule, a.action, a.target);
    if (problem) problems.push({ path: at("then", "actions", i), rule: rule.name, message: problem });
  });
  return problems;
}
