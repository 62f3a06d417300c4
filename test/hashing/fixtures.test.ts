/**
 * The project's own benign fixture images and their expected hashes, so the
 * hashing tests always test something even without ../shared. The expected PDQ
 * values were cross-checked against Meta's C++ reference (see docs/PERFORMANCE.md).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { DEFAULT_DECODE_OPTIONS } from "../../src/hashing/decode-image.js";
import { hashImageBytes } from "../../src/hashing/hash-image.js";
import { wasmKernelAvailable } from "../../src/hashing/pdq/wasm-kernel.js";
import { fixturesDir, repoRoot } from "../support/paths.js";
import { readTsv } from "../support/tsv.js";

const dir = join(fixturesDir, "images");

test("fixture images hash to their expected PDQ, quality and MD5", async () => {
  const rows = readTsv(join(dir, "expected-pdq.tsv"));
  assert.ok(rows.length >= 9);
  for (const row of rows) {
    const got = await hashImageBytes(await readFile(join(dir, row.file)), {
      mode: "full",
      dihedral: false,
      decode: DEFAULT_DECODE_OPTIONS,
    });
    assert.equal(got.pdq, row.pdq, row.file);
    assert.equal(String(got.quality), row.quality, row.file);
    assert.equal(got.md5, row.md5, row.file);
  }
});

test("the WebAssembly kernel is built and loads", () => {
  assert.ok(
    wasmKernelAvailable(),
    "dist/src/hashing/pdq/wasm/pdq-kernel.wasm missing or not loadable: run npm run build",
  );
});

test("the JavaScript fallback gives the same hashes as the WebAssembly kernel", async () => {
  const cli = join(repoRoot, "bin", "vigil.js");
  const run = promisify(execFile);
  const withWasm = await run(process.execPath, [cli, "hash", "--dihedral", dir]);
  const withoutWasm = await run(process.execPath, [cli, "hash", "--dihedral", dir], {
    env: { ...process.env, VIGIL_PDQ_WASM: "0" },
  });
  assert.equal(withoutWasm.stdout, withWasm.stdout);
});
