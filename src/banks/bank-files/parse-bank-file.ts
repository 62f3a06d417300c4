/**
 * Reads the bank formats people exchange, row by row, so a million-row file
 * streams: plain one hash per line (also `hash,quality,filename` lines as
 * pdq-photo-hasher prints them), CSV with python-threatexchange/HMA columns
 * (`signal_type,signal_str,…`, header required), python-threatexchange's lines
 * (`signal_type signal_str`, local_file's form, also with the opinion `dataset
 * -P` prints), HMA bank content JSON, and vPDQ text files (one video per
 * file). A bad row is reported with its line number and the rest go on.
 */
import { createReadStream } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { NewBankEntry } from "../../store/repositories/bank-repository.js";
import type { SignalType } from "../../store/schema.js";
import { csvEntryRow, hasCsvSignalColumns } from "./bank-csv.js";
import type { BankFileFormat, ParsedRow, ParseOptions } from "./bank-rows.js";
import { CsvSyntaxError, parseCsvLine } from "./csv-line.js";
import { hmaContentRows } from "./hma-content.js";
import { pytxLineRow } from "./pytx-lines.js";
import { mergeOpinions, sameSignal } from "./pytx-opinion.js";
import { payloadFromFrameLines } from "./pytx-vpdq.js";
import { isKnownSignalName, normaliseHashValue } from "./signal-values.js";

export type { BankFileFormat, ParsedRow, ParseOptions } from "./bank-rows.js";

/** A JSON document read whole (a list, or one pretty-printed object) may be at most this big; stream NDJSON beyond. */
const MAX_WHOLE_JSON_BYTES = 256 * 1024 * 1024;

async function* lines(path: string): AsyncGenerator<[number, string]> {
  const reader = createInterface({
    input: createReadStream(path, { encoding: "utf8" }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let n = 0;
  // A byte-order mark (spreadsheet programs write one) is not part of the first line.
  for await (const line of reader) yield [++n, n === 1 ? line.replace(/^\uFEFF/, "") : line];
}

function plainRow(line: number, text: string, options: ParseOptions): ParsedRow | null {
  const trimmed = text.trim();
  if (trimmed === "" || trimmed.startsWith("#")) return null;
  const [first, second] = trimmed.split(",");
  const type: SignalType = first.trim().length === 32 ? "md5" : (options.signalType ?? "pdq");
  if (type === "vpdq")
    return { line, error: "plain-line files hold pdq, md5 or sha256 hashes; use --format vpdq" };
  const value = normaliseHashValue(type, first);
  if (typeof value !== "string") return { line, error: value.error };
  const quality = second !== undefined && /^\s*\d{1,3}\s*$/.test(second) ? Number(second) : null;
  return {
    line,
    entry: {
      signalType: type,
      value,
      quality,
      provenance: options.provenance,
      source: options.source,
      addedBy: options.addedBy,
    },
  };
}

/** A vPDQ file is one entry: its frames, checked line by line, and their SHA-256 as the identity. */
async function* vpdqFile(path: string, options: ParseOptions): AsyncGenerator<ParsedRow> {
  const text = await readFile(path, "utf8");
  const frames: string[] = [];
  let bad = false;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    if (raw.trim() === "") continue;
    const parts = raw.trim().split(",");
    const [frame, quality, hash, seconds] = parts;
    const ok =
      parts.length === 4 &&
      /^\d+$/.test(frame) &&
      /^\d{1,3}$/.test(quality) &&
      typeof normaliseHashValue("pdq", hash) === "string" &&
      Number.isFinite(Number(seconds));
    if (!ok) {
      bad = true;
      yield {
        line: index + 1,
        error: `not a vPDQ line (frameNumber,quality,pdqHex,timestampSeconds): ${JSON.stringify(raw.slice(0, 120))}`,
      };
      continue;
    }
    frames.push(`${Number(frame)},${Number(quality)},${hash.toLowerCase()},${Number(seconds).toFixed(3)}`);
  }
  if (bad) return;
  if (frames.length === 0) {
    yield { line: 1, error: "vPDQ file has no frames" };
    return;
  }
  const video = payloadFromFrameLines(frames);
  yield {
    line: 1,
    entry: {
      signalType: "vpdq",
      value: video.value,
      payload: video.payload,
      provenance: options.provenance,
      source: options.source,
      addedBy: options.addedBy,
      metadata: { file: path.split("/").pop() ?? path, frames: String(video.frames) },
    },
  };
}

async function* csvFile(path: string, options: ParseOptions): AsyncGenerator<ParsedRow> {
  let header: string[] | null = null;
  for await (const [line, text] of lines(path)) {
    if (text.trim() === "") continue;
    let fields: string[];
    try {
      fields = parseCsvLine(text);
    } catch (error) {
      yield { line, error: error instanceof CsvSyntaxError ? error.message : String(error) };
      continue;
    }
    if (!header) {
      header = fields.map((f) => f.trim().toLowerCase());
      if (!hasCsvSignalColumns(header)) {
        yield { line, error: "CSV header must name signal_type and signal_str (or signal_value) columns" };
        return;
      }
      continue;
    }
    yield csvEntryRow(line, header, fields, options);
  }
}

async function* pytxFile(path: string, options: ParseOptions): AsyncGenerator<ParsedRow> {
  for await (const [line, text] of lines(path)) {
    const row = pytxLineRow(line, text, options);
    if (row) yield row;
  }
}

async function* wholeJson(path: string, options: ParseOptions): AsyncGenerator<ParsedRow> {
  const { size } = await stat(path);
  if (size > MAX_WHOLE_JSON_BYTES) {
    yield {
      line: 1,
      error: `a JSON document over ${MAX_WHOLE_JSON_BYTES} bytes; write one content per line (NDJSON)`,
    };
    return;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    yield { line: 1, error: `not JSON: ${(error as Error).message}` };
    return;
  }
  const items = Array.isArray(doc) ? doc : [doc];
  for (const [i, item] of items.entries()) {
    for (const row of hmaContentRows(item, i + 1, options))
      yield "error" in row ? { ...row, error: `item ${i + 1}: ${row.error}` } : row;
  }
}

/** HMA content: a JSON list or object read whole, or one object per line (NDJSON) streamed. */
async function* hmaFile(path: string, options: ParseOptions): AsyncGenerator<ParsedRow> {
  const first = await firstText(path);
  if (!first.trimStart().startsWith("{")) {
    yield* wholeJson(path, options);
    return;
  }
  for await (const [line, text] of lines(path)) {
    if (text.trim() === "") continue;
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (error) {
      if (line === 1) {
        // Not one object per line: one pretty-printed document.
        yield* wholeJson(path, options);
        return;
      }
      yield { line, error: `not JSON: ${(error as Error).message}` };
      continue;
    }
    yield* hmaContentRows(doc, line, options);
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** NUL characters and lone surrogates cannot be stored as they are (PostgreSQL text and jsonb refuse or alter them). */
function unstorable(entry: NewBankEntry): string | null {
  const texts = [entry.value, entry.payload ?? "", entry.source ?? "", entry.addedBy ?? ""];
  for (const [key, value] of Object.entries(entry.metadata ?? {})) texts.push(key, value);
  return texts.some((t) => t.includes("\0") || LONE_SURROGATE.test(t))
    ? "contains a NUL character or a lone surrogate, which cannot be stored"
    : null;
}

/** Every row of a file; a signal listed again right after itself (another collaboration's opinion) is merged into one. */
export async function* parseBankFile(path: string, options: ParseOptions): AsyncGenerator<ParsedRow> {
  const source =
    options.format === "vpdq"
      ? vpdqFile(path, options)
      : options.format === "csv"
        ? csvFile(path, options)
        : options.format === "pytx"
          ? pytxFile(path, options)
          : options.format === "hma"
            ? hmaFile(path, options)
            : plainLines(path, options);
  let held: { line: number; entry: NewBankEntry } | null = null;
  for await (const row of source) {
    if ("entry" in row) {
      const problem = unstorable(row.entry);
      if (problem) {
        yield { line: row.line, error: problem };
        continue;
      }
      if (held && sameSignal(held.entry, row.entry)) {
        held = { line: held.line, entry: mergeOpinions(held.entry, row.entry, options.provenance) };
        continue;
      }
      if (held) yield held;
      held = row;
      continue;
    }
    // Rows come out in file order: an entry held back for merging goes before the error after it.
    if (held) yield held;
    held = null;
    yield row;
  }
  if (held) yield held;
}

async function* plainLines(path: string, options: ParseOptions): AsyncGenerator<ParsedRow> {
  for await (const [line, text] of lines(path)) {
    const row = plainRow(line, text, options);
    if (row) yield row;
  }
}

async function firstText(path: string, bytes = 4096): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer
      .subarray(0, bytesRead)
      .toString("utf8")
      .replace(/^\uFEFF/, "");
  } finally {
    await handle.close();
  }
}

/** Picks a format from the file name: .csv → csv, .json/.jsonl/.ndjson → hma; default lines. */
export function guessBankFormat(path: string): BankFileFormat {
  const lower = path.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (/\.(json|jsonl|ndjson)$/.test(lower)) return "hma";
  return "lines";
}

/**
 * The format from the name, else from the first line: JSON → hma, a reference
 * vPDQ frame line → vpdq, `<known signal type> <signal>` → pytx, else plain lines.
 */
export async function detectBankFormat(path: string): Promise<BankFileFormat> {
  const byName = guessBankFormat(path);
  if (byName !== "lines") return byName;
  const firstLine =
    (await firstText(path))
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l !== "" && !l.startsWith("#")) ?? "";
  // pytx's `dataset -P -s vpdq` prints each video's JSON list alone on its line.
  if (/^\["[0-9a-fA-F]{64},/.test(firstLine)) return "pytx";
  if (firstLine.startsWith("{") || firstLine.startsWith("[")) return "hma";
  if (/^\d+,\d{1,3},[0-9a-fA-F]{64},[\d.eE+-]+$/.test(firstLine)) return "vpdq";
  const space = firstLine.indexOf(" ");
  if (space > 0 && isKnownSignalName(firstLine.slice(0, space))) return "pytx";
  return "lines";
}
