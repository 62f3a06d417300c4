/**
 * Bank CSV both ways. python-threatexchange's `dataset -P --csv` writes
 * `signal_type,signal_str,collab,category,tags` (vPDQ as its JSON list in
 * signal_str); Vigil reads those and any other columns (its own entry fields,
 * and every other column kept as metadata), and writes pytx's five columns
 * first, then its own fields, then every metadata key as a column, so what was
 * read comes out again. `pytx-csv` writes exactly pytx's columns.
 */
import type { BankEntry } from "../../store/repositories/bank-repository.js";
import { type ParsedRow, type ParseOptions, signalEntry, signalFromName } from "./bank-rows.js";
import { formatCsvField } from "./csv-line.js";
import { entryStateFor, isPytxCategory, OPINION_KEYS, opinionsOf } from "./pytx-opinion.js";
import { pytxJsonFromPayload } from "./pytx-vpdq.js";
import { PYTX_SIGNAL_NAMES } from "./signal-values.js";

export const PYTX_CSV_COLUMNS = ["signal_type", "signal_str", "collab", "category", "tags"] as const;
const VIGIL_COLUMNS = ["quality", "provenance", "confidence", "source", "added_by", "ignored"] as const;
/** Columns read into an entry's fields rather than its metadata. */
const FIELD_COLUMNS = new Set<string>(["signal_type", "signal_str", "signal_value", ...VIGIL_COLUMNS]);

export function hasCsvSignalColumns(header: string[]): boolean {
  return header.includes("signal_type") && (header.includes("signal_str") || header.includes("signal_value"));
}

export function csvEntryRow(
  line: number,
  header: string[],
  fields: string[],
  options: ParseOptions,
): ParsedRow {
  const get = (name: string) => {
    const i = header.indexOf(name);
    return i >= 0 ? (fields[i] ?? "").trim() : "";
  };
  const signal = signalFromName(get("signal_type"), get("signal_str") || get("signal_value"));
  if ("skipped" in signal || "error" in signal) return { line, ...signal };
  const stated = get("provenance");
  if (stated && stated !== "confirmed" && stated !== "unconfirmed") {
    return { line, error: `provenance must be confirmed or unconfirmed, not ${JSON.stringify(stated)}` };
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
    if (!FIELD_COLUMNS.has(name) && fields[i]) metadata[name] = fields[i];
  });
  const category = get("category");
  const state = entryStateFor(isPytxCategory(category) ? [category] : [], options.provenance);
  return {
    line,
    entry: signalEntry(signal, options, {
      quality: quality ? Number(quality) : null,
      provenance: stated === "confirmed" || stated === "unconfirmed" ? stated : state.provenance,
      confidence: confidence ? Number(confidence) : null,
      source: get("source") || options.source,
      addedBy: get("added_by") || options.addedBy,
      ignored: get("ignored") === "true" || state.ignored,
      metadata,
    }),
  };
}

/** Metadata keys written as their own columns (the opinion is in pytx's columns already). */
export function extraColumns(metadataKeys: Iterable<string>): string[] {
  const opinion = new Set<string>(OPINION_KEYS);
  return [...new Set(metadataKeys)].filter((k) => !opinion.has(k) && !FIELD_COLUMNS.has(k)).sort();
}

export function csvHeader(extra: string[], pytxOnly: boolean): string {
  return (pytxOnly ? [...PYTX_CSV_COLUMNS] : [...PYTX_CSV_COLUMNS, ...VIGIL_COLUMNS, ...extra]).join(",");
}

/** The signal_str pytx would write for an entry. */
export function pytxSignalString(entry: Pick<BankEntry, "signalType" | "value" | "payload">): string {
  return entry.signalType === "vpdq" ? pytxJsonFromPayload(entry.payload ?? "") : entry.value;
}

/** One row per opinion (a signal pytx listed under several collaborations comes out as several rows). */
export function csvRows(bankName: string, entry: BankEntry, extra: string[], pytxOnly: boolean): string[] {
  const signal = [PYTX_SIGNAL_NAMES[entry.signalType], pytxSignalString(entry)];
  const own = [
    entry.quality === null ? "" : String(entry.quality),
    entry.provenance,
    entry.confidence === null ? "" : String(entry.confidence),
    entry.source,
    entry.addedBy,
    entry.ignored ? "true" : "false",
    ...extra.map((k) => entry.metadata[k] ?? ""),
  ];
  return opinionsOf(entry, bankName).map((o) =>
    [...signal, o.collab, o.category, o.tags, ...(pytxOnly ? [] : own)].map(formatCsvField).join(","),
  );
}
