/**
 * Console users for the browser tests, made the way an operator makes them
 * (`vigil users create --password-stdin` on the data folder before serving).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { VIGIL_BIN } from "../support/vigil-process.js";

export const PASSWORD = "correct horse battery staple";

export function createUser(dataDir: string, email: string, role: string): void {
  const result = spawnSync(
    process.execPath,
    [VIGIL_BIN, "users", "create", "--data", dataDir, "--email", email, "--role", role, "--password-stdin"],
    { input: `${PASSWORD}\n`, encoding: "utf8" },
  );
  assert.equal(result.status, 0, result.stderr);
}
