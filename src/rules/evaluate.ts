/**
 * evaluate(ruleSet, input): the decision for one event. Pure: the same rule
 * set and input always give the same decision, so a backtest over stored
 * history says exactly what the live pipeline would have done.
 */
import type { Decision, DecisionInput, RuleVerdict } from "../domain/decisions.js";
import { combineVerdicts } from "./combine-verdicts.js";
import { matchCondition } from "./match-condition.js";
import { resolveActions } from "./resolve-targets.js";
import { mayActAutomatically } from "./rule-safety.js";
import type { Rule } from "./rule-schema.js";
import type { RuleSet } from "./rule-set.js";

/** One rule's verdict, or null when its condition does not hold (or it is disabled). */
export function ruleVerdict(rule: Rule, input: DecisionInput): RuleVerdict | null {
  if (!rule.enabled) return null;
  const result = matchCondition(rule.when, input);
  if (!result.matched) return null;
  const reasons = [...result.reasons];
  let actions: RuleVerdict["actions"] = [];
  if (rule.then.actions) {
    // parseRuleSet already refused such rules; repeated so that no cast or hand-built
    // RuleSet can let a text or classifier signal act without a human.
    if (mayActAutomatically(rule)) {
      const resolved = resolveActions(rule.then.actions, input);
      actions = resolved.actions;
      reasons.push(...resolved.notes);
    } else {
      reasons.push("actions withheld: no confirmed bank match required and not marked automatic");
    }
  }
  return {
    rule: rule.name,
    version: rule.version,
    mode: rule.mode,
    actions,
    reviews: rule.then.review ? [{ queue: rule.then.review.queue, priority: rule.then.review.priority }] : [],
    reason: reasons.join("; "),
    ...(rule.then.close_reports && rule.automatic === true
      ? { closeReports: rule.then.close_reports.reason }
      : {}),
  };
}

export function evaluate(ruleSet: RuleSet, input: DecisionInput): Decision {
  const verdicts: RuleVerdict[] = [];
  for (const rule of ruleSet.rules) {
    const verdict = ruleVerdict(rule, input);
    if (verdict) verdicts.push(verdict);
  }
  return combineVerdicts(verdicts);
}
