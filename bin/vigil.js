#!/usr/bin/env node
// The `vigil` command. The TypeScript sources are compiled to dist/ by `npm install`
// (the `prepare` script) or `npm run build`.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

// `vigil hash` loads only what hashing needs (src/cli/hash-main.ts).
const hashOnly = process.argv[2] === "hash";
const entry = new URL(hashOnly ? "../dist/src/cli/hash-main.js" : "../dist/src/cli/main.js", import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write("vigil: not built yet; run `npm install` (or `npm run build`) first.\n");
  process.exit(2);
}
const { main } = await import(entry.href);
await main(process.argv);
