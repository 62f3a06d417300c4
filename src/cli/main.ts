/** The `vigil` command line: one file per command under commands/, registered here. */
import type { Command } from "commander";
import { registerBankCommands } from "./commands/bank.js";
import { registerBulkCommands } from "./commands/bulk.js";
import { registerCaseCommands } from "./commands/case.js";
import { registerCrawlCommands } from "./commands/crawl.js";
import { registerDemoCommand } from "./commands/demo.js";
import { registerEvidenceCommands } from "./commands/evidence.js";
import { registerExpandCommand } from "./commands/expand.js";
import { registerHashCommand } from "./commands/hash.js";
import { registerKeysCommands } from "./commands/keys.js";
import { registerMatchCommand } from "./commands/match.js";
import { registerRulesCommands } from "./commands/rules.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerTextCommands } from "./commands/text.js";
import { registerUsersCommands } from "./commands/users.js";
import { applyEngineSwitches } from "./engine-switches.js";
import { baseProgram, runProgram } from "./program.js";
import { storeHistory } from "./rule-history.js";

export function buildProgram(): Command {
  const program = baseProgram();
  registerHashCommand(program);
  registerDemoCommand(program);
  registerBankCommands(program);
  registerMatchCommand(program);
  registerServeCommand(program);
  registerKeysCommands(program);
  registerUsersCommands(program);
  registerRulesCommands(program, storeHistory);
  registerTextCommands(program);
  registerCrawlCommands(program);
  registerCaseCommands(program);
  registerEvidenceCommands(program);
  registerExpandCommand(program);
  registerBulkCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  applyEngineSwitches();
  await runProgram(buildProgram(), argv);
}
