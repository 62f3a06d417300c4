// Compiles Vigil: the WebAssembly kernels (AssemblyScript: the PDQ pass and the
// brute-force match scan) when a source is newer than its module, then the TypeScript,
// then the review console (web/, with Vite, into dist/web) when any of its files is
// newer than the last build. Used by `npm run build`, the `prepare` step of
// `npm install`, and the bootstrap of `npm start`/`npm test`.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

function run(args) {
  const result = spawnSync(process.execPath, args, { stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const kernels = [
  ["src/hashing/pdq/wasm/pdq-kernel.as.ts", "dist/src/hashing/pdq/wasm/pdq-kernel.wasm"],
  ["src/matching/wasm/scan-kernel.as.ts", "dist/src/matching/wasm/scan-kernel.wasm"],
];
for (const [source, output] of kernels) {
  if (existsSync(output) && statSync(output).mtimeMs >= statSync(source).mtimeMs) continue;
  mkdirSync(dirname(output), { recursive: true });
  run([
    "node_modules/assemblyscript/bin/asc.js",
    source,
    "-O3",
    "--runtime",
    "stub",
    "--noAssert",
    "--enable",
    "simd",
    "-o",
    output,
  ]);
}
run(["node_modules/typescript/bin/tsc", "-p", "tsconfig.json"]);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const consoleIndex = "dist/web/index.html";
if (!existsSync(consoleIndex) || statSync(consoleIndex).mtimeMs < newestMtime("web")) {
  run(["node_modules/vite/bin/vite.js", "build", "--config", "web/vite.config.ts"]);
}
