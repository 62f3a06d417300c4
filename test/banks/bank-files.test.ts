/** Bank file formats: what parses, what is rejected with its line number, and round trips. */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { parseCsvLine } from "../../src/banks/bank-files/csv-line.js";
import { exportBank } from "../../src/banks/bank-files/export-bank.js";
import { importBankFile } from "../../src/banks/bank-files/import-bank-file.js";
import { type ParsedRow, parseBankFile } from "../../src/banks/bank-files/parse-bank-file.js";
import { openDatabase } from "../../src/store/database.js";
import { BankImportRepository } from "../../src/store/repositories/bank-import-repository.js";
import { BankRepository } from "../../src/store/repositories/bank-repository.js";
import { embeddedTestDatabase } from "../support/databases.js";

const PDQ_A = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
const PDQ_B = "d8f8f0cec0f4a84f8e370a22038f67f0b36a2ed597231e1d72e6b39c4a9c9b22";
const base = { provenance: "unconfirmed" as const, source: "test", addedBy: "tester" };

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "vigil-bank-files-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(rows: AsyncIterable<ParsedRow>): Promise<ParsedRow[]> {
  const out: ParsedRow[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

test("CSV lines with quotes and escaped quotes", () => {
  assert.deepEqual(parseCsvLine('a,"b,c","d ""e"""'), ["a", "b,c", 'd "e"']);
  assert.deepEqual(parseCsvLine(""), [""]);
  assert.throws(() => parseCsvLine('"open'));
});

test("plain lines: hashes, pdq-photo-hasher output, comments; bad lines named", async () => {
  const path = join(dir, "plain.txt");
  await writeFile(
    path,
    `# a comment\n${PDQ_A}\n${PDQ_B},87,photo.jpg\n\nnot-a-hash\nd41d8cd98f00b204e9800998ecf8427e\n`,
  );
  const rows = await collect(parseBankFile(path, { ...base, format: "lines" }));
  assert.equal(rows.length, 4);
  assert.deepEqual(
    rows.map((r) => ("entry" in r ? `${r.entry.signalType}:${r.entry.quality ?? ""}` : `error@${r.line}`)),
    ["pdq:", "pdq:87", "error@5", "md5:"],
  );
});

test("python-threatexchange CSV: names, aliases, metadata; a CSV with 2 malformed rows imports the rest and names them", async () => {
  const path = join(dir, "partner.csv");
  await writeFile(
    path,
    [
      "signal_type,signal_str,collab,category,tags,provenance",
      `pdq,${PDQ_A},Partner,INVESTIGATION_SEED,tag1 tag2,confirmed`,
      "pdq,12345,Partner,,,", // malformed hash
      `video_md5,D41D8CD98F00B204E9800998ECF8427E,Partner,,,`,
      `url,https://example.org,Partner,,,`, // a type Vigil does not match: counted, not an error
      `pdq,${PDQ_B},Partner,,,maybe`, // bad provenance
      `pdq,${PDQ_A},Partner,,,confirmed`, // duplicate
    ].join("\n"),
  );
  const target = await embeddedTestDatabase();
  const database = await openDatabase(target.options);
  try {
    const repo = new BankRepository(database.db);
    const imports = new BankImportRepository(database.db);
    const report = await importBankFile(imports, "partner", path, { ...base, format: "csv" });
    assert.equal(report.rows, 6);
    assert.equal(report.inserted, 2);
    assert.equal(report.duplicates, 1);
    assert.equal(report.rejected, 2);
    assert.deepEqual(report.skipped, { url: 1 });
    assert.deepEqual(
      report.rejections.map((r) => r.line),
      [3, 6],
    );
    const exported: string[] = [];
    for await (const line of exportBank(repo, "partner", "csv")) exported.push(line);
    assert.equal(exported[0].split(",")[1], "signal_str");
    // The collaboration and category are kept; md5 is written with pytx's name.
    assert.ok(
      exported.some((l) => l.startsWith(`pdq,${PDQ_A},Partner,INVESTIGATION_SEED,tag1 tag2,,confirmed`)),
    );
    assert.ok(exported.some((l) => l.startsWith("video_md5,d41d8cd98f00b204e9800998ecf8427e,Partner,")));
    // What we export imports again unchanged.
    const again = join(dir, "again.csv");
    await writeFile(again, `${exported.join("\n")}\n`);
    const second = await importBankFile(imports, "copy", again, { ...base, format: "csv" });
    assert.equal(second.inserted, 2);
    assert.equal(second.rejected, 0);
  } finally {
    await database.close();
    await target.dispose();
  }
});

test("a CSV without the required header is refused at line 1", async () => {
  const path = join(dir, "headless.csv");
  await writeFile(path, `${PDQ_A},x\n`);
  const rows = await collect(parseBankFile(path, { ...base, format: "csv" }));
  assert.equal(rows.length, 1);
  assert.ok("error" in rows[0] && rows[0].line === 1);
});

test("a vPDQ file is one entry; a bad frame line is named", async () => {
  const good = join(dir, "video.txt");
  await writeFile(good, `0,100,${PDQ_A},0.000\n1,95,${PDQ_B},0.033\n`);
  const rows = await collect(parseBankFile(good, { ...base, format: "vpdq" }));
  assert.equal(rows.length, 1);
  assert.ok("entry" in rows[0]);
  if ("entry" in rows[0]) {
    assert.equal(rows[0].entry.signalType, "vpdq");
    assert.equal(rows[0].entry.payload?.split("\n").length, 2);
  }
  const bad = join(dir, "bad-video.txt");
  await writeFile(bad, `0,100,${PDQ_A},0.000\n1,nope,${PDQ_B},0.033\n`);
  const badRows = await collect(parseBankFile(bad, { ...base, format: "vpdq" }));
  assert.deepEqual(
    badRows.map((r) => ("error" in r ? r.line : -1)),
    [2],
  );
});
