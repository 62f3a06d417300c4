// Runs every compiled test file under dist/test with node's test runner.
// Node 20's runner takes no glob patterns, so the list is collected here.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function collect(dir) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...collect(path));
    else if (name.endsWith(".test.js")) found.push(path);
  }
  return found;
}

const filter = process.argv[2];
const files = collect("dist/test").filter((f) => !filter || f.includes(filter));
if (files.length === 0) {
  console.error("no test files found under dist/test");
  process.exit(1);
}
const result = spawnSync(process.execPath, ["--test", "--test-reporter=spec", ...files], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
