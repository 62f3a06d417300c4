/**
 * Reads the bank formats people exchange, line by line, so a million-row file
 * streams: plain one hash per line (also `hash,quality,filename` lines as
 * pdq-photo-hasher prints them), CSV with python-threatexchange/HMA columns
 * (`signal_type,signal_str,…`, header required), and vPDQ text files (one video
 * per file). A bad row is reported with its line number and the rest go on.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { text as readText } from "node:stream/consumers";
import type { NewBankEntry } from "../../store/repositories/bank-repository.js";
import type { Provenance, SignalType } from "../../store/schema.js";
import { ENTRY_COLUMNS } from "./bank-csv-columns.js";
import { CsvSyntaxError, parseCsvLine } from "./csv-line.js";
import { normaliseHashValue, signalTypeFromName } from "./signal-values.js";

export type BankFileFormat = "lines" | "csv" | "vpdq";

/** A bank file by path, or its bytes as a stream (an upload through the admin channel) with the file's name. */
export type BankFileSource = string | { name: string; stream: Readable };

function openSource(source: BankFileSource): Readable {
  return typeof source === "string" ? createReadStream(source) : source.stream;
}

function sourceName(source: BankFileSource): string {
  return typeof source === "string" ? source : source.name;
}

export type ParsedRow = { line: number; entry: NewBankEntry } | { line: number; error: string };

export interface ParseOptions {
  format: BankFileFormat;
  /** For plain lines: which type a 64-hex value is (pdq or sha256); 32-hex is always md5. */
  signalType?: SignalType;
  provenance: Provenance;
  source: string;
  addedBy: string;
}

/** Columns read into an entry's fields; any other column is kept as metadata. */
const KNOWN_COLUMNS = new Set<string>([...ENTRY_COLUMNS, "signal_value"]);

async function* lines(source: BankFileSource): AsyncGenerator<[number, string]> {
  const input = openSource(source);
  input.setEncoding("utf8");
  const reader = createInterface({
    input,
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  // readline ends quietly when its input fails: an upload cut off must fail the import, not commit half a file.
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    reader.close();
  };
  input.once("error", fail);
  input.once("aborted", () => fail(new Error("the upload was cut off before the end of the file")));
  let n = 0;
  for await (const line of reader) {
    if (failure) break;
    yield [++n, line];
  }
  if (failure) throw failure;
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

function csvRow(line: number, header: string[], fields: string[], options: ParseOptions): ParsedRow {
  const get = (name: string) => {
    const i = header.indexOf(name);
    return i >= 0 ? (fields[i] ?? "").trim() : "";
  };
  const type = signalTypeFromName(get("signal_type"));
  if (!type) return { line, error: `unknown signal_type ${JSON.stringify(get("signal_type"))}` };
  if (type === "vpdq") return { line, error: "vpdq rows are imported from vPDQ text files (--format vpdq)" };
  const value = normaliseHashValue(type, get("signal_str") || get("signal_value"));
  if (typeof value !== "string") return { line, error: value.error };
  const provenance = get("provenance") || options.provenance;
  if (provenance !== "confirmed" && provenance !== "unconfirmed") {
    return { line, error: `provenance must be confirmed or unconfirmed, not ${JSON.stringify(provenance)}` };
  }
  const quality = get("quality");
  if (quality && !/^\d{1,3}$/.test(quality))
    return { line, error: `quality must be 0..100, not ${JSON.stringify(quality)}` };
  const confidence = get("confidence");
  if (confidence && !(Number(confidence) >= 0 && Number(confidence) <= 1)) {
    return { line, error: `confidence must be between 0 and 1, not ${JSON.stringify(confidence)}` };
  }
  const metadata: Record<string, string> = {};
  header.forEach((name, i) => {
    if (!KNOWN_COLUMNS.has(name) && fields[i]) metadata[name] = fields[i];
  });
  return {
    line,
    entry: {
      signalType: type,
      value,
      quality: quality ? Number(quality) : null,
      provenance,
      confidence: confidence ? Number(confidence) : null,
      source: get("source") || options.source,
      addedBy: get("added_by") || options.addedBy,
      ignored: get("ignored") === "true",
      metadata,
    },
  };
}

/** A vPDQ file is one entry: its frames, checked line by line, and their SHA-256 as the identity. */
async function* vpdqFile(source: BankFileSource, options: ParseOptions): AsyncGenerator<ParsedRow> {
  const text = await readText(openSource(source));
  const path = sourceName(source);
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
  const payload = frames.join("\n");
  yield {
    line: 1,
    entry: {
      signalType: "vpdq",
      value: createHash("sha256").update(payload).digest("hex"),
      payload,
      provenance: options.provenance,
      source: options.source,
      addedBy: options.addedBy,
      metadata: { file: path.split("/").pop() ?? path, frames: String(frames.length) },
    },
  };
}

export async function* parseBankFile(
  source: BankFileSource,
  options: ParseOptions,
): AsyncGenerator<ParsedRow> {
  if (options.format === "vpdq") {
    yield* vpdqFile(source, options);
    return;
  }
  let header: string[] | null = null;
  for await (const [line, text] of lines(source)) {
    if (options.format === "lines") {
      const row = plainRow(line, text, options);
      if (row) yield row;
      continue;
    }
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
      if (
        !header.includes("signal_type") ||
        !(header.includes("signal_str") || header.includes("signal_value"))
      ) {
        yield { line, error: "CSV header must name signal_type and signal_str (or signal_value) columns" };
        return;
      }
      continue;
    }
    yield csvRow(line, header, fields, options);
  }
}

/** Picks a format from the file name: .csv → csv, a vPDQ-looking .txt → vpdq is not guessed; default lines. */
export function guessBankFormat(path: string): BankFileFormat {
  return path.toLowerCase().endsWith(".csv") ? "csv" : "lines";
}
