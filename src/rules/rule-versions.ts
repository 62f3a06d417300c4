/**
 * Rules in the form the store records them (store/repositories/rule-repository
 * RuleVersion): each (name, version) with its definition. Mode and enabled are
 * kept out of the definition on purpose, so promoting a backtested shadow rule
 * to live, or pausing it, does not make it a different rule version.
 */
import type { RuleMode } from "../domain/decisions.js";
import type { RuleSet } from "./rule-set.js";

export interface RuleVersionRecord {
  name: string;
  version: number;
  mode: RuleMode;
  enabled: boolean;
  definition: Record<string, unknown>;
}

export function ruleVersions(ruleSet: RuleSet): RuleVersionRecord[] {
  return ruleSet.rules.map(({ mode, enabled, ...definition }) => ({
    name: definition.name,
    version: definition.version,
    mode,
    enabled,
    definition,
  }));
}
