/** The rules engine's public surface: what the pipeline, the store's callers and the CLI use. */
export {
  type BacktestEvent,
  type BacktestExample,
  type BacktestOptions,
  type BacktestSummary,
  backtest,
  type ChangeTally,
  type DecisionOutcome,
  type KindChange,
} from "./backtest.js";
export { describeCondition } from "./describe-condition.js";
export { evaluate, ruleVerdict } from "./evaluate.js";
export { formatBacktest } from "./format-backtest.js";
export { ruleSetJsonSchema } from "./json-schema.js";
export { loadRuleSetFile, parseRuleSetText } from "./load-rule-set-file.js";
export { formatProblem, type RuleProblem, RuleSetError } from "./rule-problems.js";
export type { Condition, Rule, RuleInput, RuleOutcome } from "./rule-schema.js";
export { type ParseRuleSetOptions, parseRuleSet, type RuleSet } from "./rule-set.js";
export { type RuleVersionRecord, ruleVersions } from "./rule-versions.js";
