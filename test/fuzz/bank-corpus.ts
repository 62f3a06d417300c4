/**
 * Hostile bank files for every format the bank parser reads (plain lines, CSV,
 * pytx lines, HMA JSON, vPDQ frame lines): fixed cases that attack each
 * format's syntax, and fast-check files built from valid pieces, hostile
 * characters and broken syntax, as bytes (invalid UTF-8 included).
 */
import fc from "fast-check";
import type { BankFileFormat } from "../../src/banks/bank-files/parse-bank-file.js";

const PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
const MD5 = "d41d8cd98f00b204e9800998ecf8427e";
const VPDQ_FRAME = `0,100,${PDQ},0.000`;
const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;

export interface HostileBankFile {
  name: string;
  format: BankFileFormat;
  bytes: Buffer;
}

const text = (format: BankFileFormat, name: string, content: string): HostileBankFile => ({
  name: `${format}: ${name}`,
  format,
  bytes: Buffer.from(content, "utf8"),
});

export function hostileBankCorpus(): HostileBankFile[] {
  const invalidUtf8 = Buffer.concat([Buffer.from(`${PDQ}\n`), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0x0a])]);
  return [
    text("lines", "empty", ""),
    text("lines", "BOM and CRLF", `\uFEFF${PDQ}\r\n${MD5}\r\n`),
    text("lines", "NUL in a hash", `${PDQ.slice(0, 10)}\0${PDQ.slice(11)}\n`),
    text("lines", "lone surrogate", `${PDQ},\ud800\n`),
    text("lines", "a 1 MB line", `${"f".repeat(1 << 20)}\n`),
    text("lines", "quality out of range", `${PDQ},-1\n${PDQ},101\n${PDQ},1e309\n${PDQ},NaN\n`),
    { name: "lines: invalid UTF-8", format: "lines", bytes: invalidUtf8 },
    text("csv", "header only", "signal_type,signal_str,collab,category,tags\n"),
    text("csv", "no header", `${PDQ},x\n`),
    text("csv", "unterminated quote", `signal_type,signal_str\npdq,"${PDQ}\n`),
    text("csv", "character after a quote", `signal_type,signal_str\npdq,"${PDQ}"x\n`),
    text("csv", "1000 columns", `signal_type,signal_str\npdq,${PDQ}${",x".repeat(1000)}\n`),
    text(
      "csv",
      "__proto__ column",
      `signal_type,signal_str,__proto__,constructor\npdq,${PDQ},{"polluted":1},x\n`,
    ),
    text("csv", "vpdq signal not JSON", "signal_type,signal_str\nvpdq,[not json\n"),
    text("csv", "NUL in metadata", `signal_type,signal_str,collab\npdq,${PDQ},a\0b\n`),
    text("pytx", "type without signal", "pdq\n"),
    text("pytx", "unknown type", `nonsense ${PDQ}\n`),
    text("pytx", "unterminated list", `vpdq ["${PDQ},\n`),
    text("pytx", "list 10000 deep", `vpdq ${deep(10_000)}\n`),
    text("pytx", "vpdq list of numbers", "vpdq [1,2,3]\n"),
    text("pytx", "opinions of bad JSON", `pdq ${PDQ} {"collab": \n`),
    text("hma", "not JSON", "{nope\n"),
    text("hma", "JSON array 100000 deep", deep(100_000)),
    text("hma", "JSON object 100000 deep", deepObject(100_000)),
    text("hma", "signals of every JSON type", '{"signals":{"pdq":1,"md5":null,"vpdq":[],"sha256":{}}}\n'),
    text("hma", "__proto__ signals", `{"__proto__":{"polluted":1},"signals":{"__proto__":"${PDQ}"}}\n`),
    text("hma", "huge numbers", `{"id":1e309,"disable_until_ts":-1e309,"signals":{"pdq":"${PDQ}"}}\n`),
    text(
      "hma",
      "metadata of 1 MB",
      `{"signals":{"pdq":"${PDQ}"},"metadata":{"x":"${"m".repeat(1 << 20)}"}}\n`,
    ),
    text("hma", "a signal name of 10000 characters", `{"signals":{"${"x".repeat(10_000)}":1}}\n`),
    text("hma", "a foreign signal type of 10000 characters", `{"signals":{"${"a".repeat(10_000)}":"v"}}\n`),
    text("hma", "a list of scalars", '[1, "two", null, true]'),
    text("hma", "NDJSON then garbage", `{"signals":{"pdq":"${PDQ}"}}\n{"signals":\n`),
    text("vpdq", "frame line with NaN", `0,100,${PDQ},NaN\n`),
    text("vpdq", "negative frame and quality 999", `-1,999,${PDQ},0.000\n`),
    text("vpdq", "frame numbers 2^64", `18446744073709551616,100,${PDQ},1e308\n`),
    text("vpdq", "short hash", `0,100,${PDQ.slice(2)},0.000\n`),
    text("vpdq", "a video without frames then a good one", `\n\n${VPDQ_FRAME}\n`),
  ];
}

const hostileChar = fc.constantFrom(
  "\0",
  "\ud800",
  "\udfff",
  "\uFEFF",
  "\u202e",
  '"',
  ",",
  " ",
  "\t",
  "\r",
  "[",
  "{",
  "}",
  "]",
  ":",
  "\\",
  "é",
  "🙂",
);
const hostileText = fc.string({
  unit: fc.oneof(hostileChar, fc.constantFrom("a", "f", "0", "9")),
  maxLength: 40,
});
const hexish = fc.oneof(
  fc.constant(PDQ),
  fc.constant(MD5),
  fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEFg"), minLength: 30, maxLength: 70 }),
);
const piece = fc.oneof(
  hexish,
  hostileText,
  fc.constantFrom("pdq", "md5", "vpdq", "video_md5", "url", "raw_text", "NaN", "-1", "1e999"),
);

const lineOf: Record<BankFileFormat, fc.Arbitrary<string>> = {
  lines: fc.oneof(
    hexish,
    fc.tuple(hexish, piece).map(([h, p]) => `${h},${p}`),
    hostileText,
  ),
  csv: fc
    .array(piece, { minLength: 1, maxLength: 7 })
    .map((cells) => cells.map((c) => (c.includes(",") ? `"${c.replaceAll('"', '""')}"` : c)).join(",")),
  pytx: fc.oneof(
    fc.tuple(piece, piece).map(([type, signal]) => `${type} ${signal}`),
    fc.tuple(hexish, fc.nat(100)).map(([h, q]) => `vpdq ["${h},${q}"]`),
    fc.tuple(piece, hexish, fc.json()).map(([type, signal, json]) => `${type} ${signal} ${json}`),
  ),
  hma: fc.oneof(
    fc
      .record({
        signals: fc.dictionary(piece, fc.oneof(hexish, fc.jsonValue())),
        note: fc.option(hostileText),
      })
      .map((d) => JSON.stringify(d)),
    fc.json(),
    hostileText,
  ),
  vpdq: fc.oneof(
    fc
      .tuple(fc.integer({ min: -2, max: 1e9 }), fc.integer({ min: -1, max: 300 }), hexish, fc.double())
      .map(([frame, quality, hash, seconds]) => `${frame},${quality},${hash},${seconds}`),
    hostileText,
  ),
};

/** A whole file for one format: a header line for CSV, then 0 to 12 lines, maybe with invalid UTF-8 spliced in. */
export function bankFileOf(format: BankFileFormat): fc.Arbitrary<Buffer> {
  const header =
    format === "csv"
      ? fc.constantFrom("signal_type,signal_str,collab,category,tags\n", "signal_type,signal_str\n", "")
      : fc.constant("");
  return fc
    .tuple(
      header,
      fc.array(lineOf[format], { maxLength: 12 }),
      fc.constantFrom("\n", "\r\n"),
      fc.option(fc.uint8Array({ minLength: 1, maxLength: 4 })),
    )
    .map(([head, lines, eol, raw]) => {
      const body = Buffer.from(head + lines.join(eol) + eol, "utf8");
      return raw
        ? Buffer.concat([
            body.subarray(0, body.length >> 1),
            Buffer.from(raw),
            body.subarray(body.length >> 1),
          ])
        : body;
    });
}
