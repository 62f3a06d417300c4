/**
 * Issue 17, finding 5: a `vigil bank import` SIGKILLed mid-way left a partial
 * bank, enabled and matching (75,000 of 300,000 entries). Imports are now
 * staged and made visible in one transaction: a killed import leaves no entry
 * that matches, and running it again imports the whole file.
 */
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { embeddedTestDatabase } from "../support/databases.js";
import { randomPdqHex } from "../support/pdq-near.js";
import { api, serve, VIGIL_BIN, vigil } from "../support/vigil-process.js";

/** A loaded machine starts a fresh service slowly (migrations on PGlite). */
const START_MS = 180_000;
const ROWS = 100_000;
const env = { DATABASE_URL: "" };

/**
 * Starts `vigil bank import …` reading a FIFO, feeds it the first half of `text`
 * and SIGKILLs the command while it waits for the rest: killed mid-way for certain,
 * however fast the machine (a plain file was read whole before the kill could land).
 */
async function killImportMidway(args: string[], fifo: string, text: string): Promise<void> {
  const made = spawnSync("mkfifo", [fifo]);
  assert.equal(made.status, 0, `mkfifo ${fifo}: ${made.stderr}`);
  const child = spawn(process.execPath, [VIGIL_BIN, ...args, fifo, "--format", "lines", "--progress"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const writer = createWriteStream(fifo);
  writer.on("error", () => {}); // EPIPE once the reader is killed
  const half = text.slice(0, text.indexOf("\n", text.length / 2) + 1);
  // The callback runs once the reader has taken all but a pipe buffer of the half.
  const fed = new Promise<void>((resolve) => writer.write(half, () => resolve()));
  const early = await Promise.race([fed.then(() => undefined), exited]);
  if (early !== undefined)
    throw new Error(`the import ended (${early}) before it could be killed:\n${stderr}`);
  // Let it stage (or upload) what it read, then kill it with the rest still unsent.
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(child.exitCode, null, `the import ended before it could be killed:\n${stderr}`);
  child.kill("SIGKILL");
  await exited;
  writer.destroy();
}

async function writeHashes(path: string, rows: number): Promise<string[]> {
  const hashes = Array.from({ length: rows }, (_, i) => randomPdqHex(i + 1));
  await writeFile(path, `${hashes.join("\n")}\n`);
  return hashes;
}

test("a bank import SIGKILLed mid-way leaves no partial bank that matches; run again, it imports whole", {
  timeout: 600_000,
}, async () => {
  const target = await embeddedTestDatabase();
  const store = ["--data", target.options.dataDir];
  try {
    const file = join(target.options.dataDir, "big.txt");
    const hashes = await writeHashes(file, ROWS);
    const probe = join(target.options.dataDir, "probe.txt");
    await writeFile(probe, `${hashes[0]}\n${hashes[ROWS / 4]}\n`);

    await killImportMidway(
      ["bank", "import", "big", ...store],
      join(target.options.dataDir, "big.fifo"),
      await readFile(file, "utf8"),
    );

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

test("an import through a running server whose client is SIGKILLed mid-upload leaves the served bank untouched", {
  timeout: 600_000,
}, async () => {
  const target = await embeddedTestDatabase();
  const store = ["--data", target.options.dataDir];
  try {
    const key = (
      await vigil(["keys", "create", ...store, "--name", "k", "--scopes", "banks:read"], env)
    ).trim();
    const file = join(target.options.dataDir, "upload.txt");
    await writeHashes(file, ROWS / 2);
    const server = await serve(store, env, START_MS);
    try {
      await killImportMidway(
        ["bank", "import", "uploaded", ...store],
        join(target.options.dataDir, "upload.fifo"),
        await readFile(file, "utf8"),
      );
      const banks = async () =>
        (
          (await api(server.url, key, "GET", "/v1/banks")).json.banks as { name: string; entries: number }[]
        ).filter((b) => b.name === "uploaded");
      // The server notices the cut-off upload and drops what it staged; nothing reaches the bank.
      await new Promise((r) => setTimeout(r, 2000));
      assert.deepEqual(await banks(), []);
      const report = JSON.parse(
        await vigil(["bank", "import", "uploaded", file, "--json", ...store], env),
      ) as {
        inserted: number;
      };
      assert.equal(report.inserted, ROWS / 2);
      assert.deepEqual(
        (await banks()).map((b) => b.entries),
        [ROWS / 2],
      );
    } finally {
      await server.stop();
    }
  } finally {
    await target.dispose();
  }
});
