/** What every `vigil` entry point shares: the program's name, version and error handling. */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { exitQuietlyWhenReaderLeaves } from "./quiet-pipe.js";

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

export function baseProgram(): Command {
  return new Command("vigil")
    .description("Vigil: child-safety detection and enforcement for end-to-end-encrypted messengers")
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride();
}

export async function runProgram(program: Command, argv: string[]): Promise<void> {
  exitQuietlyWhenReaderLeaves();
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
