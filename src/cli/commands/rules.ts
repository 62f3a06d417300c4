/**
 * `vigil rules check FILE...` validates rule sets and lists their rules;
 * `vigil rules test FILE` backtests one against stored history and prints what
 * would change; `vigil rules schema` prints the JSON schema for editors.
 * Where the history comes from is the caller's business (a provider passed
 * in), so this file needs no store code and tests can feed it events.
 */
import { type Command, InvalidArgumentError } from "commander";
import { type BacktestEvent, backtest } from "../../rules/backtest.js";
import { describeCondition } from "../../rules/describe-condition.js";
import { formatBacktest } from "../../rules/format-backtest.js";
import { ruleSetJsonSchema } from "../../rules/json-schema.js";
import { loadRuleSetFile } from "../../rules/load-rule-set-file.js";
import type { Rule } from "../../rules/rule-schema.js";
import { addStoreOptions, type StoreOptions } from "../open-store.js";
import { writeLine } from "../write-line.js";

/** Decided events in order, from the store named by the command's --data / --database-url. */
export type RuleHistoryProvider = (options: StoreOptions) => AsyncIterable<BacktestEvent>;

interface TestOptions extends StoreOptions {
  examples: number;
  json: boolean;
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 1000)
    throw new InvalidArgumentError("expected a whole number from 0 to 1000");
  return n;
}

function ruleLine(rule: Rule): string {
  const flags = [rule.mode, rule.enabled ? "" : "disabled", rule.automatic ? "automatic" : ""].filter(
    Boolean,
  );
  const outcome = [
    ...(rule.then.actions ?? []).map((a) => `${a.action} ${a.target}`),
    ...(rule.then.review ? [`review ${rule.then.review.queue} (${rule.then.review.priority})`] : []),
    ...(rule.then.close_reports ? [`close reports ("${rule.then.close_reports.reason}")`] : []),
  ];
  return `${rule.name}@${rule.version} [${flags.join(", ")}]: when ${describeCondition(rule.when)} then ${outcome.join(", ")}`;
}

/** Where output goes: stdout by default, a buffer in tests. */
export type LineWriter = (line: string) => Promise<void> | void;

export function registerRulesCommands(
  program: Command,
  history: RuleHistoryProvider,
  print: LineWriter = writeLine,
): void {
  const rules = program
    .command("rules")
    .description("check rule sets and backtest them against stored history");

  rules
    .command("check")
    .description("validate rule set files (schema and safety checks) and list their rules")
    .argument("<files...>", "rule set JSON files")
    .action(async (files: string[]) => {
      for (const file of files) {
        const ruleSet = await loadRuleSetFile(file);
        await print(`${file}: ${ruleSet.rules.length} rules, valid`);
        for (const rule of ruleSet.rules) await print(`  ${ruleLine(rule)}`);
      }
    });

  addStoreOptions(
    rules
      .command("test")
      .description("run a rule set over the stored decided events and print what would change")
      .argument("<file>", "rule set JSON file")
      .option("--examples <n>", "examples shown per kind of change", count, 5)
      .option("--json", "print the summary as JSON", false),
  ).action(async (file: string, options: TestOptions) => {
    const ruleSet = await loadRuleSetFile(file);
    const summary = await backtest(ruleSet, history(options), { examples: options.examples });
    await print(options.json ? JSON.stringify(summary) : formatBacktest(summary));
  });

  rules
    .command("schema")
    .description("print the rule language's JSON schema (rules/schema.json)")
    .action(async () => {
      await print(JSON.stringify(ruleSetJsonSchema(), null, 2));
    });
}
