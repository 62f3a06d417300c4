/** `vigil rules check|test|schema`, run in-process with a history provider standing in for the store. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { Command } from "commander";
import { type RuleHistoryProvider, registerRulesCommands } from "../../src/cli/commands/rules.js";
import type { StoreOptions } from "../../src/cli/open-store.js";
import type { BacktestEvent } from "../../src/rules/backtest.js";
import { ruleSetJsonSchema } from "../../src/rules/json-schema.js";
import { RuleSetError } from "../../src/rules/rule-problems.js";
import { bankMatch, groupEvent } from "../rules/builders.js";
import { repoRoot } from "../support/paths.js";

const defaultRules = join(repoRoot, "rules", "default.json");

/** Runs `vigil <args>` with the rules commands only, returning what it printed to stdout. */
async function run(args: string[], history: RuleHistoryProvider = async function* () {}): Promise<string> {
  const program = new Command("vigil").exitOverride();
  const chunks: string[] = [];
  registerRulesCommands(program, history, (line) => {
    chunks.push(`${line}\n`);
  });
  await program.parseAsync(["node", "vigil", ...args]);
  return chunks.join("");
}

test("rules check lists each rule of a valid file", async () => {
  const out = await run(["rules", "check", defaultRules]);
  assert.match(out, /default\.json: 5 rules, valid/);
  assert.match(
    out,
    /confirmed-match-group-photo@1 \[live\]: when any of \(bank match \(pdq, distance <= 31, quality >= 50, confirmed, on group\.photo\); bank match \(md5, confirmed, on group\.photo\)\) then disable_group group, review ncmec \(100\)/,
  );
});

test("rules check refuses an invalid file with the file's name", async () => {
  await assert.rejects(run(["rules", "check", join(repoRoot, "rules", "no-such.json")]), RuleSetError);
});

test("rules test backtests the file over the provider's history, opened with the store options", async () => {
  let seen: StoreOptions | undefined;
  const history: RuleHistoryProvider = async function* (options): AsyncGenerator<BacktestEvent> {
    seen = options;
    yield { eventId: "e-1", input: groupEvent([bankMatch()]), decided: null };
  };
  const out = await run(
    ["rules", "test", defaultRules, "--data", "/tmp/placeholder-data", "--examples", "1"],
    history,
  );
  assert.equal(seen?.data, "/tmp/placeholder-data");
  assert.match(out, /^backtest over 1 event \(1 with no recorded decision/);
  assert.match(out, /actions added: 1 \(disable_group 1\)/);
  const json = JSON.parse(await run(["rules", "test", defaultRules, "--json"], history)) as {
    events: number;
  };
  assert.equal(json.events, 1);
});

test("rules schema prints the JSON schema", async () => {
  assert.deepEqual(JSON.parse(await run(["rules", "schema"])), ruleSetJsonSchema());
});
