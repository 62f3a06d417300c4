#!/bin/sh
":" //; [ "$1" = hash ] && [ -z "${GLIBC_TUNABLES+set}" ] && [ "$VIGIL_TUNE_ALLOCATOR" != 0 ] && export GLIBC_TUNABLES=glibc.malloc.arena_max=1:glibc.malloc.trim_threshold=4294967296:glibc.malloc.mmap_threshold=33554432:glibc.malloc.hugetlb=1; exec node "$0" "$@"
// The `vigil` command. The line above is for the shell that runs this file as a command (npx
// vigil, ./bin/vigil.js) and a string and a comment for node: for `vigil hash` it sets glibc's
// allocator settings before node starts (src/cli/tuned-allocator.ts says why), so the command
// need not start itself again to have them. The TypeScript sources are compiled to dist/ by
// `npm install` (the `prepare` script) or `npm run build`.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

// `vigil hash` loads only what hashing needs (src/cli/hash-main.ts); started as `node bin/vigil.js`
// it runs itself again with the allocator settings when there is enough to hash.
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
