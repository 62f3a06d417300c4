/**
 * `vigil bank import|export` with the exchange formats, as an operator runs
 * them: formats detected, pytx's CSV written back byte for byte, skipped types
 * named, a folder of vPDQ files in and out, and a bank read from HMA's API.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fixturesDir } from "../support/paths.js";
import { runVigil } from "../support/vigil-cli.js";

const banks = join(fixturesDir, "banks");
let dir = "";

const run = (...args: string[]) => runVigil(join(dir, "data"), args);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "vigil-bank-formats-cli-"));
});
after(() => rm(dir, { recursive: true, force: true }));

test("pytx lines and CSV are detected, and pytx's CSV comes back byte for byte; skipped types are named", async () => {
  const lines = await run("bank", "import", "pytx", join(banks, "pytx-dataset.txt"), "--json");
  assert.equal(lines.code, 0, lines.stderr);
  assert.equal(JSON.parse(lines.stdout).format, "pytx");
  const csv = await run("bank", "import", "pytx-csv", join(banks, "pytx-dataset.csv"));
  assert.equal(csv.code, 0, csv.stderr);
  const out = await run("bank", "export", "pytx-csv", "--format", "pytx-csv");
  assert.equal(out.stdout, await readFile(join(banks, "pytx-dataset.csv"), "utf8"));

  const other = await run("bank", "import", "other", join(banks, "pytx-other-types.csv"));
  assert.equal(other.code, 0, "skipped types are not failures");
  assert.match(other.stdout, /skipped \(types Vigil does not match\) url: 2, raw_text: 1, trend_query: 1/);

  const local = await run("bank", "export", "pytx", "--format", "pytx-signals");
  assert.equal(local.stdout.trim().split("\n").length, 6);
  assert.match(local.stderr, /2 left out: ignored entries \(NEGATIVE_CLASS\)/);
});

test("a folder of vPDQ files in, a folder of vPDQ files out", async () => {
  const videos = join(dir, "videos");
  await mkdir(videos);
  await cp(join(banks, "video.vpdq.txt"), join(videos, "one.txt"));
  const second = (await readFile(join(banks, "video.vpdq.txt"), "utf8")).replace(/,42,/, ",43,");
  await writeFile(join(videos, "two.txt"), second);
  const imported = await run("bank", "import", "videos", videos);
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /two\.txt: 1 rows read, 1 added/);

  const refused = await run("bank", "export", "videos", "--format", "vpdq");
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /several videos; give -o <folder>/);
  const outDir = join(dir, "out");
  const exported = await run("bank", "export", "videos", "--format", "vpdq", "-o", outDir);
  assert.equal(exported.code, 0, exported.stderr);
  assert.deepEqual((await readdir(outDir)).sort(), ["one.txt", "two.txt"]);
  assert.equal(await readFile(join(outDir, "two.txt"), "utf8"), second);
});

test("a bank read from HMA's API: --from-hma with content ids, a private host allowed by name", async () => {
  const contents = JSON.parse(await readFile(join(banks, "hma-bank-content.json"), "utf8")) as {
    id: number;
  }[];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://hma");
    const json = (status: number, body: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (url.pathname === "/c/bank/SEED_BANK_0")
      return json(200, { name: "SEED_BANK_0", matching_enabled_ratio: 1 });
    const id = Number(/content\/(\d+)$/.exec(url.pathname)?.[1]);
    const content = contents.find((c) => c.id === id);
    return content ? json(200, content) : json(404, { message: "not found" });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const hma = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const fromHma = [
      "bank",
      "import",
      "from-hma",
      "--from-hma",
      hma,
      "--hma-bank",
      "SEED_BANK_0",
      "--content-ids",
      "1-5",
    ];
    const refused = await run(...fromHma);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /not a public address/);
    const imported = await run(...fromHma, "--allow-host", "127.0.0.1");
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /6 rows read, 6 added to bank "from-hma"/);
    assert.match(imported.stderr, /1 content ids not found/);
    const back = await run("bank", "export", "from-hma", "--format", "hma");
    assert.deepEqual(JSON.parse(back.stdout), contents);
  } finally {
    server.close();
  }
});
