/** Runs `vigil` as a user would, on an embedded data folder, and returns what it printed and its exit code. */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./paths.js";

const execute = promisify(execFile);
export const vigilBin = join(repoRoot, "bin", "vigil.js");

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

export async function runVigil(dataDir: string, args: string[]): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execute(process.execPath, [vigilBin, ...args, "--data", dataDir], {
      env: { ...process.env, DATABASE_URL: "" },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as CliResult;
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}
