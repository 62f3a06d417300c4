// Makes a fresh clone runnable with one command: installs the npm packages when
// they are missing or older than the lock file, then compiles the TypeScript.
// Uses only node's built-ins, because nothing else is there yet on a fresh clone.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

function run(command, args) {
  const result = spawnSync(command, args, { stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) {
    console.error(`bootstrap: \`${command} ${args.join(" ")}\` failed`);
    process.exit(result.status ?? 1);
  }
}

const installed = "node_modules/.package-lock.json";
const stale = !existsSync(installed) || statSync(installed).mtimeMs < statSync("package-lock.json").mtimeMs;
if (stale) {
  // `npm ci`: exactly the locked versions, and the lock file is never rewritten,
  // so a fresh clone stays clean (the lock records every platform's optional
  // binaries, so it installs anywhere). It runs the `prepare` build too.
  console.error("bootstrap: installing npm packages (npm ci)…");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
} else {
  // npm install runs the `prepare` build itself; otherwise bring dist/ up to date here.
  run(process.execPath, ["scripts/build.mjs"]);
}
