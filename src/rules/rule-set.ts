/**
 * A validated rule set: the only kind evaluate() and backtest() accept. The
 * brand means a RuleSet can only come from parseRuleSet (schema and safety
 * checks passed), never from a literal that skipped them.
 */
import type { z } from "zod";
import type { TextLocation } from "./json-locations.js";
import { type JsonPath, type RuleProblem, RuleSetError } from "./rule-problems.js";
import { safetyProblems } from "./rule-safety.js";
import { type Rule, RuleSetFile } from "./rule-schema.js";

declare const validated: unique symbol;

export interface RuleSet {
  readonly rules: readonly Rule[];
  readonly [validated]: true;
}

export interface ParseRuleSetOptions {
  /** Names the origin in errors: a file path, "database", … */
  source?: string;
  /** Finds a path's place in the text the value was parsed from. */
  locate?: (path: JsonPath) => TextLocation | undefined;
}

/** The rule's name as written, for naming it in a problem even when the rule itself is invalid. */
function ruleNameAt(value: unknown, path: JsonPath): string | undefined {
  if (path[0] !== "rules" || typeof path[1] !== "number") return undefined;
  if (typeof value !== "object" || value === null) return undefined;
  const rules = (value as { rules?: unknown }).rules;
  const rule = Array.isArray(rules) ? (rules[path[1]] as unknown) : undefined;
  const name = typeof rule === "object" && rule !== null ? (rule as { name?: unknown }).name : undefined;
  return typeof name === "string" ? name : undefined;
}

/** zod's issues in the words of the rule language (an unknown key is an unknown field, and where). */
function schemaProblems(issue: z.core.$ZodIssue): { path: JsonPath; message: string }[] {
  const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
  if (issue.code === "unrecognized_keys")
    return issue.keys.map((key) => ({
      path: [...path, key],
      message: `unknown field "${key}"`,
    }));
  if (issue.code === "invalid_union" && issue.discriminator !== undefined) {
    // zod reports the allowed values at run time without declaring them in the issue's type.
    const options: unknown = (issue as { options?: unknown }).options;
    const allowed = Array.isArray(options)
      ? ` must be one of ${options.map(String).join(", ")}`
      : " is unknown";
    return [{ path, message: `${issue.discriminator}${allowed}` }];
  }
  return [{ path, message: issue.message }];
}

/** Validates a parsed rule set file; throws RuleSetError naming every problem found. */
export function parseRuleSet(value: unknown, options: ParseRuleSetOptions = {}): RuleSet {
  const source = options.source ?? "rule set";
  const withPlace = (p: Omit<RuleProblem, "line" | "column">): RuleProblem => {
    const at = options.locate?.(p.path);
    return at ? { ...p, line: at.line, column: at.column } : p;
  };
  const parsed = RuleSetFile.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .flatMap(schemaProblems)
      .map((p) => withPlace({ ...p, rule: ruleNameAt(value, p.path) }));
    throw new RuleSetError(source, problems);
  }
  const problems = parsed.data.rules.flatMap((rule, index) => safetyProblems(rule, index)).map(withPlace);
  if (problems.length > 0) throw new RuleSetError(source, problems);
  return { rules: parsed.data.rules } as unknown as RuleSet;
}
