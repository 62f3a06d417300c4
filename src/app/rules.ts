/**
 * The decision function the pipeline calls: the rule set from --rules, or the
 * shipped rules/default.json. Each rule version is recorded in the database at
 * start, so `rule:<name>@<version>` in the moderation log always names a text
 * that was deployed.
 */
import { fileURLToPath } from "node:url";
import type { Decision, DecisionInput } from "../domain/decisions.js";
import { evaluate } from "../rules/evaluate.js";
import { loadRuleSetFile } from "../rules/load-rule-set-file.js";
import { ruleVersions } from "../rules/rule-versions.js";
import type { RuleRepository } from "../store/repositories/rule-repository.js";
import type { ServerConfig } from "./context.js";

export const DEFAULT_RULES_FILE = fileURLToPath(new URL("../../../rules/default.json", import.meta.url));

export async function loadDecide(
  config: ServerConfig,
  rules: RuleRepository,
): Promise<(input: DecisionInput) => Decision> {
  const ruleSet = await loadRuleSetFile(config.rulesFile ?? DEFAULT_RULES_FILE);
  await rules.record(ruleVersions(ruleSet));
  return (input) => evaluate(ruleSet, input);
}
