/**
 * The rule language as JSON Schema (draft 2020-12), generated from the zod
 * schemas; rules/schema.json is this output, kept equal by a test, so editors
 * can check a rule file as it is typed.
 */
import { z } from "zod";
import { RuleSetFile } from "./rule-schema.js";

export function ruleSetJsonSchema(): Record<string, unknown> {
  // "input": what a file may say (enabled may be omitted), not the parsed form.
  return z.toJSONSchema(RuleSetFile, { io: "input" }) as Record<string, unknown>;
}
