#!/usr/bin/env node
// The `vigil` command. The TypeScript sources are compiled to dist/ by `npm install`
// (the `prepare` script) or `npm run build`.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

// `vigil hash` loads only what hashing needs (src/cli/hash-main.ts), and runs with
// allocator settings that suit large image buffers (src/cli/tuned-allocator.ts).
const hashOnly = process.argv[2] === "hash";
const entry = new URL(hashOnly ? "../dist/src/cli/hash-main.js" : "../dist/src/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write("vigil: not built yet; run `npm install` (or `npm run build`) first.\n");
  process.exit(2);
}
if (hashOnly) {
  const tuning = await import(new URL("../dist/src/cli/tuned-allocator.js", import.meta.url).href);
  if (tuning.wantsTunedAllocator(process.argv.slice(3))) process.exit(await tuning.runWithTunedAllocator());
}
const { main } = await import(entry.href);
await main(process.argv);
