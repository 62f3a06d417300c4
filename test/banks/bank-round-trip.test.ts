/**
 * Every bank exchange form, in and out through the store: what python-threatexchange
 * printed (lines, local_file lines, CSV with vPDQ and NEGATIVE_CLASS rows, signals under
 * two collaborations), what HMA's API answers, and vPDQ reference text comes out equal;
 * NEGATIVE_CLASS is ignored, a disputed signal is unconfirmed, and rows of types Vigil
 * does not match are counted by type. Fixtures: fixtures/banks (see its README).
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  type ExportReport,
  exportBank,
  exportVideos,
  type LineExportFormat,
} from "../../src/banks/bank-files/export-bank.js";
import { importBankFile } from "../../src/banks/bank-files/import-bank-file.js";
import type { BankFileFormat } from "../../src/banks/bank-files/parse-bank-file.js";
import { type Database, openDatabase } from "../../src/store/database.js";
import { BankImportRepository } from "../../src/store/repositories/bank-import-repository.js";
import { BankRepository } from "../../src/store/repositories/bank-repository.js";
import { embeddedTestDatabase } from "../support/databases.js";
import { fixturesDir } from "../support/paths.js";

const FIXTURES = join(fixturesDir, "banks");
const base = { provenance: "confirmed" as const, source: "fixture", addedBy: "tester" };

let database: Database;
let dispose: () => Promise<void>;
let repo: BankRepository;
let dir: string;
before(async () => {
  const target = await embeddedTestDatabase();
  database = await openDatabase(target.options);
  dispose = target.dispose;
  repo = new BankRepository(database.db);
  dir = await mkdtemp(join(tmpdir(), "vigil-bank-round-trip-"));
});
after(async () => {
  await database.close();
  await dispose();
  await rm(dir, { recursive: true, force: true });
});

const fixture = (name: string) => readFile(join(FIXTURES, name), "utf8");
const lines = (text: string) => text.split(/\r?\n/).filter((l) => l !== "");

async function importInto(bank: string, path: string, format: BankFileFormat) {
  return importBankFile(new BankImportRepository(database.db), bank, path, { ...base, format });
}

async function exported(bank: string, format: LineExportFormat, report?: ExportReport): Promise<string[]> {
  const out: string[] = [];
  for await (const line of exportBank(repo, bank, format, report)) out.push(line);
  return out;
}

async function entriesOf(bank: string) {
  const { id } = await repo.get(bank);
  const all = [];
  for await (const e of repo.entries(id)) all.push(e);
  return all;
}

test("pytx `dataset -P` lines: read, then written back line for line", async () => {
  const report = await importInto("pytx-lines", join(FIXTURES, "pytx-dataset.txt"), "pytx");
  assert.equal(report.rejected, 0, JSON.stringify(report.rejections));
  assert.equal(report.inserted, 8, "two signals listed under two collaborations are one entry each");
  assert.deepEqual(await exported("pytx-lines", "pytx"), lines(await fixture("pytx-dataset.txt")));

  const entries = await entriesOf("pytx-lines");
  const byValue = (prefix: string) =>
    entries.find((e) => e.value.startsWith(prefix) || (e.payload ?? "").includes(`,${prefix}`));
  assert.equal(byValue("d8f8f0ce")?.ignored, true, "NEGATIVE_CLASS is a known false positive");
  assert.equal(byValue("f8f8f0ce")?.ignored, false);
  const disputed = entries.find((e) => e.value.startsWith("0f0f"));
  assert.equal(disputed?.ignored, false, "positive in one collaboration, negative in another");
  assert.equal(disputed?.provenance, "unconfirmed", "a disputed signal never carries confirmed provenance");
  const seed = entries.find((e) => e.signalType === "md5");
  assert.equal(seed?.provenance, "unconfirmed", "an INVESTIGATION_SEED requires verifying");
  assert.equal(byValue("f8f8f0ce")?.provenance, "confirmed", "POSITIVE_CLASS keeps the provenance given");
  assert.deepEqual(
    entries.map((e) => e.signalType),
    ["pdq", "pdq", "pdq", "pdq", "md5", "sha256", "vpdq", "vpdq"],
  );
  const videos = entries.filter((e) => e.signalType === "vpdq");
  assert.deepEqual(
    videos.map((v) => v.ignored),
    [false, true],
  );
});

test("pytx local_file lines (`dataset -P -S`) come out equal, and a Vigil-ignored entry never becomes one", async () => {
  const report = await importInto("pytx-signals", join(FIXTURES, "pytx-dataset-signals.txt"), "pytx");
  assert.equal(report.rejected, 0, JSON.stringify(report.rejections));
  assert.deepEqual(
    await exported("pytx-signals", "pytx-signals"),
    lines(await fixture("pytx-dataset-signals.txt")),
  );

  const left: ExportReport = { written: 0, left: {} };
  const fromOpinions = await exported("pytx-lines", "pytx-signals", left);
  assert.equal(fromOpinions.length, 6, "the two NEGATIVE_CLASS-only signals are left out");
  assert.deepEqual(Object.values(left.left), [2]);
});

test("pytx CSV with vPDQ and NEGATIVE_CLASS rows: pytx's columns come out byte for byte; Vigil's CSV keeps everything", async () => {
  const text = await fixture("pytx-dataset.csv");
  const report = await importInto("pytx-csv", join(FIXTURES, "pytx-dataset.csv"), "csv");
  assert.equal(report.rejected, 0, JSON.stringify(report.rejections));
  assert.equal(report.inserted, 8);
  assert.equal(`${(await exported("pytx-csv", "pytx-csv")).join("\r\n")}\r\n`, text);

  // Vigil's own CSV (pytx's columns, then Vigil's, then metadata) into a second bank, then pytx's again.
  const vigilCsv = join(dir, "vigil.csv");
  await writeFile(vigilCsv, `${(await exported("pytx-csv", "csv")).join("\n")}\n`);
  const again = await importInto("pytx-csv-again", vigilCsv, "csv");
  assert.equal(again.rejected, 0, JSON.stringify(again.rejections));
  assert.equal(`${(await exported("pytx-csv-again", "pytx-csv")).join("\r\n")}\r\n`, text);
  const [first, second] = [await entriesOf("pytx-csv"), await entriesOf("pytx-csv-again")];
  const fields = (e: (typeof first)[number]) => [
    e.signalType,
    e.value,
    e.payload,
    e.provenance,
    e.ignored,
    e.metadata,
  ];
  assert.deepEqual(second.map(fields), first.map(fields));
});

test("a vPDQ bank: as reference text files, and read back from them", async () => {
  const videos = [];
  for await (const video of exportVideos(repo, "pytx-csv")) videos.push(video);
  assert.equal(videos.length, 2);
  assert.deepEqual(lines(videos[0].text), [
    "0,100,f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22,0.000",
    "1,95,d8f8f0cec0f4a84f8e370a22038f67f0b36a2ed597231e1d72e6b39c4a9c9b22,0.033",
    "2,88,a5f0a457a48b4b6a3b13a7dfd6f2e4b8c0c04d1e5a5e2f0b9c8d7e6f5a4b3c2d,1.120",
    "3,42,0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f,123.000",
  ]);
  assert.notEqual(videos[0].name, videos[1].name);

  const reference = await fixture("video.vpdq.txt");
  const report = await importInto("vpdq-text", join(FIXTURES, "video.vpdq.txt"), "vpdq");
  assert.equal(report.inserted, 1);
  const back = [];
  for await (const video of exportVideos(repo, "vpdq-text")) back.push(video);
  assert.equal(back[0].text, reference);
  assert.equal(back[0].name, "video.vpdq.txt");
  const asPytx = await exported("vpdq-text", "pytx-csv");
  assert.match(
    asPytx[1],
    /^vpdq,"\[""f8f8[0-9a-f]+,100,0\.0"", ""d8f8[0-9a-f]+,95,1\.0"", .*,42,3\.0""\]",vpdq-text,POSITIVE_CLASS,$/,
  );
});

test("HMA bank content JSON: read as entries per signal, written back as the same contents", async () => {
  const text = await fixture("hma-bank-content.json");
  const report = await importInto("hma-copy", join(FIXTURES, "hma-bank-content.json"), "hma");
  assert.equal(report.rejected, 0, JSON.stringify(report.rejections));
  assert.equal(report.inserted, 6, "pdq+md5, pdq, md5+vpdq, pdq; the url rides along as metadata");
  assert.deepEqual(report.skipped, {});
  assert.deepEqual(JSON.parse((await exported("hma-copy", "hma")).join("\n")), JSON.parse(text));
  const disabled = (await entriesOf("hma-copy")).find((e) => e.metadata.hma_content_id === "2");
  assert.equal(disabled?.ignored, true, "disable_until_ts 0: HMA does not match it, Vigil ignores it");
});

test("HMA POST /signal bodies import; a content with only a type Vigil does not match is counted", async () => {
  const report = await importInto("hma-posted", join(FIXTURES, "hma-signal-bodies.ndjson"), "hma");
  assert.equal(report.rejected, 0, JSON.stringify(report.rejections));
  assert.equal(report.inserted, 2);
  assert.deepEqual(report.skipped, { url: 1 });
  const entries = await entriesOf("hma-posted");
  assert.equal(entries[0].metadata.hma_note, "benign fixture");
  const bodies = lines(await fixture("hma-signal-bodies.ndjson")).map((l) => JSON.parse(l));
  assert.deepEqual(
    (await exported("hma-posted", "hma-signals")).map((l) => JSON.parse(l)),
    bodies.slice(0, 2),
    "written back as the same POST bodies (the url-only body was never a Vigil entry)",
  );
});

test("Vigil's own entries survive HMA's shape: provenance, source, quality and metadata come back", async () => {
  const hmaJson = join(dir, "vigil-to-hma.json");
  await writeFile(hmaJson, (await exported("pytx-lines", "hma")).join("\n"));
  const report = await importInto("from-hma-shape", hmaJson, "hma");
  assert.equal(report.rejected, 0, JSON.stringify(report.rejections));
  const fields = (e: Awaited<ReturnType<typeof entriesOf>>[number]) => [
    e.signalType,
    e.value,
    e.provenance,
    e.ignored,
    e.source,
    e.addedBy,
    e.metadata,
  ];
  assert.deepEqual(
    (await entriesOf("from-hma-shape")).map(fields),
    (await entriesOf("pytx-lines")).map(fields),
  );
});

test("rows of types Vigil does not match are counted by type, never silently dropped", async () => {
  const report = await importInto("other-types", join(FIXTURES, "pytx-other-types.csv"), "csv");
  assert.equal(report.rows, 5);
  assert.equal(report.inserted, 1);
  assert.equal(report.rejected, 0);
  assert.deepEqual(report.skipped, { url: 2, raw_text: 1, trend_query: 1 });
});
