/**
 * `vigil … | head`: every command that prints ends with exit code 0 and no stack trace when
 * its reader goes away (EPIPE on stdout). Each command here prints far more than a pipe
 * buffer holds, and the reader closes its end after the first line, as `head -1` does.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fixturesDir } from "../support/paths.js";
import { runVigil, vigilBin } from "../support/vigil-cli.js";

let dir = "";
const ENTRIES = 2000; // about 150 KB of export, several pipe buffers

function hexHash(i: number): string {
  return (i.toString(16).padStart(8, "0") + "5a".repeat(28)).slice(0, 64);
}

/** Runs vigil with stdout read until the first line, then closed; resolves with exit code and stderr. */
function runIntoClosingReader(
  args: string[],
): Promise<{ code: number | null; stderr: string; first: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vigilBin, ...args], {
      env: { ...process.env, DATABASE_URL: "" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let first = "";
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      first += chunk;
      if (first.includes("\n")) {
        first = first.slice(0, first.indexOf("\n"));
        child.stdout.destroy(); // the reader goes away, as `head -1` does
      }
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr, first }));
  });
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "vigil-quiet-pipes-"));
  const list = join(dir, "list.csv");
  const rows = ["signal_type,signal_str"];
  for (let i = 0; i < ENTRIES; i++) rows.push(`pdq,${hexHash(i)}`);
  await writeFile(list, `${rows.join("\n")}\n`);
  const imported = await runVigil(join(dir, "data"), [
    "bank",
    "import",
    "known",
    list,
    "--provenance",
    "confirmed",
  ]);
  assert.equal(imported.code, 0, imported.stderr);
  await writeFile(
    join(dir, "hashes.txt"),
    `${rows
      .slice(1)
      .map((r) => r.slice(4))
      .join("\n")}\n`,
  );
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function assertQuiet(result: { code: number | null; stderr: string; first: string }, what: string): void {
  assert.equal(result.code, 0, `${what}: exit code ${result.code}, stderr: ${result.stderr}`);
  assert.doesNotMatch(result.stderr, /EPIPE|\n\s+at |Error/, `${what}: ${result.stderr}`);
  assert.ok(result.first.length > 0, `${what} printed a first line`);
}

test("vigil bank export | head -1 exits 0 without a stack trace", async () => {
  assertQuiet(
    await runIntoClosingReader(["bank", "export", "known", "--data", join(dir, "data")]),
    "bank export",
  );
});

test("vigil match --hashes | head -1 exits 0 without a stack trace", async () => {
  const args = [
    "match",
    "--bank",
    "known",
    "--hashes",
    join(dir, "hashes.txt"),
    "--json",
    "--data",
    join(dir, "data"),
  ];
  assertQuiet(await runIntoClosingReader(args), "match");
});

test("vigil hash | head -1 exits 0 without a stack trace", async () => {
  const image = join(fixturesDir, "images", "checker-300x200.png");
  const many = Array.from({ length: 1500 }, () => image);
  assertQuiet(await runIntoClosingReader(["hash", "--json", ...many]), "hash");
});

test("vigil bank list --json | head -1 exits 0", async () => {
  assertQuiet(
    await runIntoClosingReader(["bank", "list", "--json", "--data", join(dir, "data")]),
    "bank list",
  );
});
