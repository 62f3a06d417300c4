/**
 * Issue 17, finding 5: a `vigil bank import` SIGKILLed mid-way left a partial
 * bank, enabled and matching (75,000 of 300,000 entries). Imports are now
 * staged and made visible in one transaction: a killed import leaves no entry
 * that matches, and running it again imports the whole file.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { embeddedTestDatabase } from "../support/databases.js";
import { randomPdqHex } from "../support/pdq-near.js";
import { VIGIL_BIN, vigil } from "../support/vigil-process.js";

const ROWS = 100_000;
const env = { DATABASE_URL: "" };

test("a bank import SIGKILLed mid-way leaves no partial bank that matches; run again, it imports whole", {
  timeout: 600_000,
}, async () => {
  const target = await embeddedTestDatabase();
  const store = ["--data", target.options.dataDir];
  try {
    const hashes = Array.from({ length: ROWS }, (_, i) => randomPdqHex(i + 1));
    const file = join(target.options.dataDir, "big.txt");
    await writeFile(file, `${hashes.join("\n")}\n`);
    const probe = join(target.options.dataDir, "probe.txt");
    await writeFile(probe, `${hashes[0]}\n${hashes[ROWS / 4]}\n`);

    const child = spawn(
      process.execPath,
      [VIGIL_BIN, "bank", "import", "big", file, "--progress", ...store],
      {
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stderr = "";
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    // Kill it once the progress bar shows part of the file read (some batches already written).
    await new Promise<void>((resolve, reject) => {
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        for (const m of stderr.matchAll(/(\d+)\/(\d+) (\d+)%/g)) {
          if (Number(m[1]) > 0 && Number(m[1]) < Number(m[2]) * 0.8) resolve();
        }
      });
      child.once("exit", (code) =>
        reject(new Error(`the import ended (${code}) before it could be killed:\n${stderr}`)),
      );
    });
    child.kill("SIGKILL");
    await exited;

    const banks = (await vigil(["bank", "list", "--json", ...store], env)).trim();
    const big = banks
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { name: string; entries: number })
      .find((b) => b.name === "big");
    assert.ok(!big || big.entries === 0, `a killed import left ${big?.entries} entries visible`);
    const matched = await vigil(["match", "--hashes", probe, ...store], env);
    assert.doesNotMatch(matched, /bank=big/);

    const report = await vigil(["bank", "import", "big", file, "--json", ...store], env);
    const parsed = JSON.parse(report) as { rows: number; inserted: number; duplicates: number };
    assert.deepEqual([parsed.rows, parsed.inserted, parsed.duplicates], [ROWS, ROWS, 0]);
    assert.equal((await vigil(["match", "--hashes", probe, ...store], env)).match(/bank=big/g)?.length, 2);
  } finally {
    await target.dispose();
  }
});
