/**
 * Issue 17: every bank-file format under hostile input. parseBankFile reports a
 * bad row as a row with an error and never throws, so any throw is a crash.
 * Every row is checked: an entry carries only storable text (no NUL, no lone
 * surrogate); an error names its line. detectBankFormat reads every file too.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import fc from "fast-check";
import {
  type BankFileFormat,
  detectBankFormat,
  parseBankFile,
} from "../../src/banks/bank-files/parse-bank-file.js";
import { bankFileOf, hostileBankCorpus } from "./bank-corpus.js";
import { FUZZ_SEED, namedBy, OutcomeTally } from "./outcome-tally.js";

const RUNS_PER_FORMAT = 80;
const FORMATS: BankFileFormat[] = ["lines", "csv", "pytx", "hma", "vpdq"];
const options = { provenance: "unconfirmed" as const, source: "fuzz", addedBy: "fuzz" };
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

let dir = "";
let files = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "vigil-fuzz-banks-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Parses one file; the outcome is "ok" with the kinds of rows seen. No error is named: a throw is a crash. */
async function parse(
  tally: OutcomeTally,
  label: string,
  format: BankFileFormat,
  bytes: Buffer,
): Promise<void> {
  const path = join(dir, `bank-${files++}.${format === "hma" ? "json" : format === "csv" ? "csv" : "txt"}`);
  await writeFile(path, bytes);
  await tally.run(label, async () => {
    await detectBankFormat(path);
    for await (const row of parseBankFile(path, { ...options, format })) {
      assert.ok(Number.isInteger(row.line) && row.line >= 1, `${label}: row without a line number`);
      if ("entry" in row) {
        const { value, payload, metadata } = row.entry;
        const texts = [value, payload ?? "", ...Object.entries(metadata ?? {}).flat()];
        assert.ok(!texts.some((t) => UNSTORABLE.test(t)), `${label}: an entry with unstorable text`);
        tally.count("row: entry");
      } else if ("error" in row) {
        assert.ok(row.error.length > 0 && row.error.length < 2000, `${label}: error text empty or unbounded`);
        tally.count("row: error");
      } else {
        assert.ok(
          row.skipped.length <= 200,
          `${label}: a skipped type name of ${row.skipped.length} characters`,
        );
        tally.count("row: skipped");
      }
    }
  });
}

test("the hostile bank-file corpus: every row an entry, a named error or a skip", async (t) => {
  const tally = new OutcomeTally("bank file corpus", namedBy());
  for (const c of hostileBankCorpus()) await parse(tally, c.name, c.format, c.bytes);
  tally.report(t);
  assert.equal(({} as Record<string, unknown>).polluted, undefined, "no prototype pollution");
});

for (const format of FORMATS) {
  test(`property: generated ${format} bank files parse without a crash`, async (t) => {
    const tally = new OutcomeTally(`bank ${format} (generated)`, namedBy());
    await fc.assert(
      fc.asyncProperty(bankFileOf(format), (bytes) =>
        parse(tally, `${format} file of ${bytes.length} bytes`, format, bytes),
      ),
      { seed: FUZZ_SEED, numRuns: RUNS_PER_FORMAT },
    );
    tally.report(t);
  });
}
