/**
 * The pure pieces of the bank formats: Python's number and string printing as
 * pytx relies on it (expected values from CPython 3), pytx's line forms, vPDQ
 * JSON lists, HMA documents, format detection, and hostile input that must be
 * named, not crash or be stored altered.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { ParsedRow } from "../../src/banks/bank-files/bank-rows.js";
import { hmaContentRows } from "../../src/banks/bank-files/hma-content.js";
import { detectBankFormat, parseBankFile } from "../../src/banks/bank-files/parse-bank-file.js";
import { formatPythonPrecision3 } from "../../src/banks/bank-files/python-float.js";
import { formatPytxLine, parsePytxLine, pythonRepr } from "../../src/banks/bank-files/pytx-lines.js";
import { pytxJsonFromPayload, vpdqFromPytxJson } from "../../src/banks/bank-files/pytx-vpdq.js";

const PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
const options = { format: "hma" as const, provenance: "unconfirmed" as const, source: "t", addedBy: "t" };

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "vigil-bank-formats-"));
});
after(() => rm(dir, { recursive: true, force: true }));

async function rowsOf(name: string, content: string, format: "csv" | "pytx" | "hma" | "lines") {
  const path = join(dir, name);
  await writeFile(path, content);
  const rows: ParsedRow[] = [];
  for await (const row of parseBankFile(path, { ...options, format })) rows.push(row);
  return rows;
}

test("timestamps print as Python's format(x, '.3') does", () => {
  const cases: [number, string][] = [
    [0, "0.0"],
    [1, "1.0"],
    [7, "7.0"],
    [0.0333, "0.0333"],
    [0.1, "0.1"],
    [12.5, "12.5"],
    [59.9666, "60.0"],
    [1.125, "1.12"],
    [2.675, "2.67"],
    [99.95, "1e+02"],
    [123.456, "1.23e+02"],
    [1000, "1e+03"],
    [0.0005, "0.0005"],
    [0.0001234, "0.000123"],
    [1e-5, "1e-05"],
  ];
  for (const [x, python] of cases) assert.equal(formatPythonPrecision3(x), python, String(x));
});

test("strings print as Python's repr() does", () => {
  const cases: [string, string][] = [
    ["Partner's List", `"Partner's List"`],
    ['say "hi"', `'say "hi"'`],
    [`both ' and "`, `'both \\' and "'`],
    ["tab\there", "'tab\\there'"],
    ["nbsp\u00a0x", "'nbsp\\xa0x'"],
    ["zw\u200bx", "'zw\\u200bx'"],
    ["emoji 😀", "'emoji 😀'"],
    ["back\\slash", "'back\\\\slash'"],
    ["ctl\x7f", "'ctl\\x7f'"],
  ];
  for (const [text, python] of cases) {
    assert.equal(pythonRepr(text), python);
    const line = formatPytxLine({ signalType: "pdq", signal: PDQ, collab: text, category: "POSITIVE_CLASS" });
    assert.deepEqual(parsePytxLine(line, false), {
      signalType: "pdq",
      signal: PDQ,
      collab: text,
      category: "POSITIVE_CLASS",
      tags: "",
    });
  }
});

test("pytx lines: local_file's form, dataset -P's, without the type, without the collaboration", () => {
  assert.deepEqual(parsePytxLine(`pdq ${PDQ}`, false), { signalType: "pdq", signal: PDQ });
  assert.deepEqual(parsePytxLine(`${PDQ}`, true), { signalType: undefined, signal: PDQ });
  assert.deepEqual(parsePytxLine(`pdq ${PDQ} NEGATIVE_CLASS`, false), {
    signalType: "pdq",
    signal: PDQ,
    collab: undefined,
    category: "NEGATIVE_CLASS",
    tags: "",
  });
  const video = `["${PDQ},100,0.0", "${PDQ},90,1.0"]`;
  assert.deepEqual(parsePytxLine(`vpdq ${video} 'Sample Data' POSITIVE_CLASS a,b`, false), {
    signalType: "vpdq",
    signal: video,
    collab: "Sample Data",
    category: "POSITIVE_CLASS",
    tags: "a b",
  });
  assert.deepEqual(parsePytxLine(video, false), { signalType: undefined, signal: video });
  assert.ok("error" in parsePytxLine(`pdq ${PDQ} 'Sample Data' MAYBE`, false));
  assert.ok("error" in parsePytxLine(`vpdq ["${PDQ},100,0.0"`, false));
});

test("vPDQ JSON lists: frames numbered in order, timestamps kept exactly enough to print pytx's text again", () => {
  const text = `["${PDQ},100,0.0", "${PDQ.toUpperCase()},95,0.0333", "${PDQ},42,1.23e+02"]`;
  const video = vpdqFromPytxJson(text);
  assert.ok(!("error" in video));
  if ("error" in video) return;
  assert.equal(video.payload, `0,100,${PDQ},0.000\n1,95,${PDQ},0.0333\n2,42,${PDQ},123.000`);
  assert.equal(pytxJsonFromPayload(video.payload), text.replace(PDQ.toUpperCase(), PDQ));
  for (const bad of [
    "",
    "{}",
    "[]",
    `["${PDQ},100"]`,
    `["${PDQ},101,0.0"]`,
    `["${PDQ},1,-1"]`,
    `[1]`,
    `["xyz,1,0.0"]`,
  ]) {
    assert.ok("error" in vpdqFromPytxJson(bad), bad);
  }
});

test("HMA documents that are not content are named: the bank list, a content without signals, nested too deeply", () => {
  const first = (doc: unknown) => hmaContentRows(doc, 1, options)[0];
  assert.match(JSON.stringify(first([])), /JSON object/);
  assert.match(JSON.stringify(first({ name: "SEED_BANK_0", matching_enabled_ratio: 1 })), /bank's settings/);
  assert.match(
    JSON.stringify(first({ id: 5, disable_until_ts: 1, bank: { name: "B" } })),
    /content 5: no signals/,
  );
  assert.match(JSON.stringify(first({ pdq: "nothex" })), /not a pdq hash/);
  let deep: unknown = 1;
  for (let i = 0; i < 100_000; i++) deep = { a: deep };
  const rows = hmaContentRows({ id: 1, signals: { pdq: PDQ }, metadata: deep }, 1, options);
  assert.equal(rows.length, 1);
  assert.ok("error" in rows[0], "a metadata tree too deep to keep is refused, not a crash");
});

test("formats are told from the name or the first line", async () => {
  const cases: [string, string, string][] = [
    ["a.csv", "signal_type,signal_str\n", "csv"],
    ["b.json", "[]", "hma"],
    ["c.txt", `{"pdq": "${PDQ}"}\n`, "hma"],
    ["d.txt", `0,100,${PDQ},0.000\n`, "vpdq"],
    ["e.txt", `# comment\npdq ${PDQ}\n`, "pytx"],
    ["f.txt", `video_md5 d41d8cd98f00b204e9800998ecf8427e\n`, "pytx"],
    ["g.txt", `["${PDQ},100,0.0"]\n`, "pytx"],
    ["h.txt", `${PDQ},87,my photo.jpg\n`, "lines"],
  ];
  for (const [name, content, format] of cases) {
    await writeFile(join(dir, name), content);
    assert.equal(await detectBankFormat(join(dir, name)), format, name);
  }
});

test("a CSV saved with a byte-order mark reads as one without", async () => {
  const rows = await rowsOf("bom.csv", `\uFEFFsignal_type,signal_str\r\npdq,${PDQ}\r\n`, "csv");
  assert.deepEqual(
    rows.map((r) => ("entry" in r ? r.entry.value : JSON.stringify(r))),
    [PDQ],
  );
});

test("hostile rows are named and the rest imported: NUL, lone surrogates, a broken JSON line", async () => {
  const csv = await rowsOf(
    "nul.csv",
    `signal_type,signal_str,note\npdq,${PDQ},a\u0000b\npdq,${PDQ.replace("f8", "f9")},ok\n`,
    "csv",
  );
  assert.deepEqual(
    csv.map((r) => ("error" in r ? `error@${r.line}` : "entry" in r ? "entry" : "skip")),
    ["error@2", "entry"],
  );
  const ndjson = await rowsOf(
    "bad.ndjson",
    `{"pdq": "${PDQ}"}\n{not json\n{"note": "\\ud800", "pdq": "${PDQ}"}\n`,
    "hma",
  );
  assert.deepEqual(
    ndjson.map((r) => ("error" in r ? `error@${r.line}` : "entry")),
    ["entry", "error@2", "error@3"],
  );
});
