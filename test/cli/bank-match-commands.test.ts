/** `vigil bank` and `vigil match` as a user runs them, on an embedded data folder. */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { fixturesDir, repoRoot } from "../support/paths.js";
import { runVigil } from "../support/vigil-cli.js";

const execute = promisify(execFile);
const vigil = join(repoRoot, "bin", "vigil.js");
let dir = "";

const run = (...args: string[]) => runVigil(join(dir, "data"), args);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "vigil-bank-cli-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("import names malformed rows and keeps the rest; match finds banked images and hashes", async () => {
  const known = await execute(process.execPath, [
    vigil,
    "hash",
    join(fixturesDir, "images", "noise-800x600.jpg"),
  ]);
  const pdq = known.stdout.split(",")[0];
  const csv = join(dir, "list.csv");
  await writeFile(
    csv,
    `signal_type,signal_str\npdq,${pdq}\npdq,nothex\nmd5,${"a".repeat(32)}\nwhat,1\npdq,${"0".repeat(63)}\n`,
  );
  const imported = await run("bank", "import", "known", csv, "--provenance", "confirmed");
  assert.equal(imported.code, 1, "rejected rows make the exit code 1");
  assert.match(imported.stdout, /5 rows read, 2 added to bank "known", 0 already there, 3 rejected/);
  for (const line of [3, 5, 6]) assert.match(imported.stderr, new RegExp(`list\\.csv:${line}: `));

  const listed = await run("bank", "list", "--json");
  assert.deepEqual(JSON.parse(listed.stdout), { name: "known", entries: 2, enabled: true, description: "" });

  const matched = await run("match", "--bank", "known", join(fixturesDir, "images"));
  assert.equal(matched.code, 0);
  assert.match(matched.stdout, /noise-800x600\.jpg\tbank=known\tentry=\d+\tpdq\tdistance=0/);
  assert.match(matched.stdout, /rings-500x375\.png\tno match/);

  const hashes = join(dir, "hashes.txt");
  await writeFile(hashes, `${pdq}\n${"a".repeat(32)}\n`);
  const byValue = await run("match", "--bank", "known", "--hashes", hashes, "--json", "--radius", "0");
  const results = byValue.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { matches: { distance: number; signalType: string }[] });
  assert.deepEqual(
    results.map((r) => r.matches.map((m) => `${m.signalType}:${m.distance}`)),
    [["pdq:0"], ["md5:0"]],
  );

  const exported = await run("bank", "export", "known");
  assert.equal(exported.stdout.trim().split("\n").length, 3);
});
