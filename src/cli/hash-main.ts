/**
 * `vigil hash` on its own: loads only the hashing code, not the server, the database drivers
 * and every other command (about 0.8 s of start-up), since hashing a folder is often a
 * one-off command in a script.
 */
import { registerHashCommand } from "./commands/hash.js";
import { applyEngineSwitches } from "./engine-switches.js";
import { baseProgram, runProgram } from "./program.js";

export async function main(argv: string[]): Promise<void> {
  applyEngineSwitches();
  const program = baseProgram();
  registerHashCommand(program);
  await runProgram(program, argv);
}
