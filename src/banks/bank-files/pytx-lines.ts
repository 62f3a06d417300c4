/**
 * The line form python-threatexchange prints signals in, and reads them from:
 * `threatexchange dataset -P -S` writes `<signal_type> <signal_str>` per signal,
 * which is exactly what its `local_file` exchange reads (split at the first
 * space, so a vPDQ JSON list with spaces stays whole); `dataset -P` adds the
 * collaboration (Python repr) and the opinion (`CATEGORY` and comma-joined
 * tags); with one signal type selected the type is left out, with one
 * collaboration the collaboration. Pure: one line in, one parsed line out.
 */
import type { BankEntry } from "../../store/repositories/bank-repository.js";
import { pytxSignalString } from "./bank-csv.js";
import { type ParsedRow, type ParseOptions, signalEntry, signalFromName } from "./bank-rows.js";
import {
  entryStateFor,
  isPytxCategory,
  opinionMetadata,
  opinionsOf,
  type PytxCategory,
} from "./pytx-opinion.js";
import { isKnownSignalName, PYTX_SIGNAL_NAMES } from "./signal-values.js";

export interface PytxLine {
  /** The pytx type name as written; absent when the line carries only the signal. */
  signalType?: string;
  signal: string;
  collab?: string;
  category?: PytxCategory;
  /** Space-separated (the CSV form); the line writes them comma-joined. */
  tags?: string;
}

/** The end (exclusive) of a JSON list at the start of `text`, or -1. */
function jsonListEnd(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) return i + 1;
  }
  return -1;
}

const PY_ESCAPES: Record<string, string> = {
  n: "\n",
  r: "\r",
  t: "\t",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "0": "\0",
};

/** A Python str repr at the start of `text`: its value and where it ends, or null. */
function pythonString(text: string): { value: string; end: number } | null {
  const quote = text[0];
  if (quote !== "'" && quote !== '"') return null;
  let value = "";
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === quote) return { value, end: i + 1 };
    if (c !== "\\") {
      value += c;
      continue;
    }
    const e = text[++i];
    const width = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
    if (width > 0) {
      const hex = text.slice(i + 1, i + 1 + width);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) return null;
      value += String.fromCodePoint(Number.parseInt(hex, 16));
      i += width;
    } else if (e in PY_ESCAPES) value += PY_ESCAPES[e];
    else return null;
  }
  return null;
}

/** A string as Python's repr() writes it (the quote it picks, its escapes). */
export function pythonRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const c of text) {
    const code = c.codePointAt(0) ?? 0;
    if (c === "\\" || c === quote) out += `\\${c}`;
    else if (c === "\n") out += "\\n";
    else if (c === "\r") out += "\\r";
    else if (c === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f || (c !== " " && /[\p{C}\p{Z}]/u.test(c))) {
      const hex = code.toString(16);
      out +=
        code <= 0xff
          ? `\\x${hex.padStart(2, "0")}`
          : code <= 0xffff
            ? `\\u${hex.padStart(4, "0")}`
            : `\\U${hex.padStart(8, "0")}`;
    } else out += c;
  }
  return out + quote;
}

/**
 * Parses one line. `typeLess` says the file carries signals of one type only
 * (pytx's `-s TYPE` output, or local_file's `signal_type` setting).
 */
export function parsePytxLine(line: string, typeLess: boolean): PytxLine | { error: string } {
  let rest = line.trim();
  let signalType: string | undefined;
  const space = rest.indexOf(" ");
  const head = space < 0 ? rest : rest.slice(0, space);
  // A line that starts with the signal itself: `dataset -s vpdq` leaves the type out.
  if ((!typeLess && !rest.startsWith("[")) || isKnownSignalName(head)) {
    if (space < 0)
      return { error: `expected "<signal_type> <signal_str>", got ${JSON.stringify(line.slice(0, 120))}` };
    signalType = head;
    rest = rest.slice(space + 1).trimStart();
  }
  let signal: string;
  if (rest.startsWith("[")) {
    const end = jsonListEnd(rest);
    if (end < 0) return { error: "unterminated JSON list in the signal" };
    signal = rest.slice(0, end);
    rest = rest.slice(end).trimStart();
  } else {
    const end = rest.indexOf(" ");
    signal = end < 0 ? rest : rest.slice(0, end);
    rest = end < 0 ? "" : rest.slice(end + 1).trimStart();
  }
  if (rest === "") return { signalType, signal };
  // `dataset -P` without -S: ['collab'] CATEGORY [tag,tag]
  let collab: string | undefined;
  const quoted = pythonString(rest);
  if (quoted) {
    collab = quoted.value;
    rest = rest.slice(quoted.end).trimStart();
  }
  const [category, ...tagWords] = rest.split(" ");
  if (!isPytxCategory(category)) {
    return {
      error: `after the signal, expected a collaboration and a category, got ${JSON.stringify(rest.slice(0, 80))}`,
    };
  }
  const tags = tagWords
    .join(" ")
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t !== "")
    .join(" ");
  return { signalType, signal, collab, category, tags };
}

/** `<type> <signal>` (local_file, `dataset -P -S`), or with the opinion as `dataset -P` prints it. */
export function formatPytxLine(line: PytxLine): string {
  const start = line.signalType ? `${line.signalType} ${line.signal}` : line.signal;
  if (!line.category) return start;
  const collab = line.collab === undefined ? "" : ` ${pythonRepr(line.collab)}`;
  const tags = line.tags
    ? ` ${line.tags
        .split(" ")
        .filter((t) => t !== "")
        .join(",")}`
    : "";
  return `${start}${collab} ${line.category}${tags}`;
}

/** One line of a pytx lines file as a parsed row (blank lines and `#` comments give none). */
export function pytxLineRow(line: number, text: string, options: ParseOptions): ParsedRow | null {
  if (text.trim() === "" || text.trimStart().startsWith("#")) return null;
  const parsed = parsePytxLine(text, options.signalType !== undefined);
  if ("error" in parsed) return { line, error: parsed.error };
  const typeName =
    parsed.signalType ??
    (parsed.signal.startsWith("[") ? "vpdq" : PYTX_SIGNAL_NAMES[options.signalType ?? "pdq"]);
  const signal = signalFromName(typeName, parsed.signal);
  if ("skipped" in signal || "error" in signal) return { line, ...signal };
  const state = entryStateFor(parsed.category ? [parsed.category] : [], options.provenance);
  return { line, entry: signalEntry(signal, options, { ...state, metadata: opinionMetadata(parsed) }) };
}

/**
 * An entry as pytx lines: `opinions` gives `dataset -P`'s form (one line per
 * collaboration); without it, `dataset -P -S`'s (local_file's) single line.
 */
export function pytxLinesOf(entry: BankEntry, bankName: string, withOpinions: boolean): string[] {
  const head = { signalType: PYTX_SIGNAL_NAMES[entry.signalType], signal: pytxSignalString(entry) };
  if (!withOpinions) return [formatPytxLine(head)];
  return opinionsOf(entry, bankName).map((o) => formatPytxLine({ ...head, ...o }));
}
