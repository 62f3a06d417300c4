/**
 * Reading a rule set from a file (`vigil serve --rules FILE`, `vigil rules
 * test FILE`): every failure, from a missing file to an unsafe rule, is a
 * RuleSetError that names the file and, where it can, the line.
 */
import { readFile } from "node:fs/promises";
import { scanJson } from "./json-locations.js";
import { RuleSetError } from "./rule-problems.js";
import { parseRuleSet, type RuleSet } from "./rule-set.js";

/** Parses rule set JSON text; `source` names it in errors. */
export function parseRuleSetText(text: string, source: string): RuleSet {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const scan = scanJson(text);
    // V8 sometimes quotes the whole text in its message; the scanner's own words are shorter.
    const message = scan.ok
      ? `not valid JSON: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}`
      : `not valid JSON: ${scan.message}`;
    const at = scan.ok ? {} : scan.at;
    throw new RuleSetError(source, [{ path: [], message, ...at }]);
  }
  const scan = scanJson(text);
  return parseRuleSet(value, { source, locate: scan.ok ? scan.locate : undefined });
}

export async function loadRuleSetFile(path: string): Promise<RuleSet> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder" : String(error);
    throw new RuleSetError(path, [{ path: [], message: `cannot read the rule set: ${why}` }]);
  }
  return parseRuleSetText(text.replace(/^\uFEFF/, ""), path);
}
