/** The `vigil` command line: one file per command under commands/, registered here. */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
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
import { storeHistory } from "./rule-history.js";

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

export function buildProgram(): Command {
  const program = new Command("vigil")
    .description("Vigil: child-safety detection and enforcement for end-to-end-encrypted messengers")
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride();
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
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`vigil: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
