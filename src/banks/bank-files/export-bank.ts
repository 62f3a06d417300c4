/**
 * Writes a bank out in the exchange formats, streaming its entries: Vigil's CSV
 * (python-threatexchange's columns first, then Vigil's fields and every
 * metadata key), pytx's own CSV (`dataset -P --csv`), pytx lines with the
 * opinion (`dataset -P`) or without (`dataset -P -S`, what local_file reads),
 * HMA bank content JSON or HMA's `POST /c/bank/<bank>/signal` bodies (one a
 * line), plain values, and vPDQ text (one file per video).
 * The writers are pure (bank-csv, pytx-lines, hma-content); this module only
 * pages through the repository.
 */
import { formatVpdq, parseVpdq } from "../../hashing/vpdq/index.js";
import type { Bank, BankEntry, BankRepository } from "../../store/repositories/bank-repository.js";
import { csvHeader, csvRows, extraColumns } from "./bank-csv.js";
import { hmaContentOf, sameHmaContent } from "./hma-content.js";
import { pytxLinesOf } from "./pytx-lines.js";

export const EXPORT_FORMATS = [
  "csv",
  "pytx-csv",
  "pytx",
  "pytx-signals",
  "hma",
  "hma-signals",
  "lines",
  "vpdq",
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type LineExportFormat = Exclude<ExportFormat, "vpdq">;

/** What an export left out, by reason, so the caller can say so. */
export interface ExportReport {
  written: number;
  left: Record<string, number>;
}

/** Line ending per format: pytx's CSV is written by Python's csv module, which ends rows with CRLF. */
export function lineEnding(format: ExportFormat): string {
  return format === "pytx-csv" ? "\r\n" : "\n";
}

function leave(report: ExportReport, reason: string): void {
  report.left[reason] = (Object.hasOwn(report.left, reason) ? report.left[reason] : 0) + 1;
}

function* entryLines(
  bank: Bank,
  entry: BankEntry,
  format: LineExportFormat,
  extra: string[],
  report: ExportReport,
) {
  if (format === "lines") {
    if (entry.signalType === "vpdq")
      return leave(report, "vPDQ videos have no plain-line form (use vpdq, csv, pytx or hma)");
    report.written++;
    yield entry.value;
  } else if (format === "pytx-signals") {
    // local_file reads every line as a positive signal: a known false positive must not become one.
    if (entry.ignored)
      return leave(report, "ignored entries (NEGATIVE_CLASS) have no place in local_file lines");
    report.written++;
    yield* pytxLinesOf(entry, bank.name, false);
  } else if (format === "pytx") {
    report.written++;
    yield* pytxLinesOf(entry, bank.name, true);
  } else {
    report.written++;
    yield* csvRows(bank.name, entry, extra, format === "pytx-csv");
  }
}

/** Yields the export line by line (without line endings; see lineEnding). */
export async function* exportBank(
  repo: BankRepository,
  bankName: string,
  format: LineExportFormat,
  report: ExportReport = { written: 0, left: {} },
): AsyncGenerator<string> {
  const bank = await repo.get(bankName);
  if (format === "hma" || format === "hma-signals") {
    yield* hmaLines(repo, bank, report, format === "hma-signals");
    return;
  }
  const extra = format === "csv" ? extraColumns(await repo.metadataKeys(bank.id)) : [];
  if (format === "csv" || format === "pytx-csv") yield csvHeader(extra, format === "pytx-csv");
  for await (const entry of repo.entries(bank.id)) yield* entryLines(bank, entry, format, extra, report);
}

/**
 * A JSON list of contents, one per line (entries from one HMA content are
 * written as that content), or one POST /signal body a line.
 */
async function* hmaLines(
  repo: BankRepository,
  bank: Bank,
  report: ExportReport,
  postBodies: boolean,
): AsyncGenerator<string> {
  if (!postBodies) yield "[";
  let group: BankEntry[] = [];
  let pending: string | null = null;
  const flush = function* () {
    if (group.length === 0) return;
    const content = hmaContentOf(group, bank);
    if (postBodies) {
      // A POST body cannot say "disabled": HMA would match a known false positive.
      if (group[0].ignored) leave(report, "ignored entries: HMA's POST /signal cannot mark content disabled");
      else {
        report.written += group.length;
        const note = typeof content.note === "string" ? { note: content.note } : {};
        yield JSON.stringify({ ...(content.signals as Record<string, string>), ...note });
      }
      group = [];
      return;
    }
    if (pending !== null) yield `${pending},`;
    pending = JSON.stringify(content);
    report.written += group.length;
    group = [];
  };
  for await (const entry of repo.entries(bank.id)) {
    if (group.length > 0 && !sameHmaContent(group[0], entry)) yield* flush();
    group.push(entry);
  }
  yield* flush();
  if (postBodies) return;
  if (pending !== null) yield pending;
  yield "]";
}

export interface VideoFile {
  /** A file name for the video: the one it was imported from when known, made unique. */
  name: string;
  /** The reference vPDQ text (`frameNumber,quality,pdqHex,seconds` lines). */
  text: string;
}

/** The bank's vPDQ videos, each as the reference text file it would be. */
export async function* exportVideos(repo: BankRepository, bankName: string): AsyncGenerator<VideoFile> {
  const bank = await repo.get(bankName);
  const used = new Set<string>();
  for await (const entry of repo.entries(bank.id)) {
    if (entry.signalType !== "vpdq") continue;
    const base =
      (entry.metadata.file ?? "").replace(/[^A-Za-z0-9._-]+/g, "_").replace(/^\.+/, "") ||
      `${entry.value.slice(0, 16)}.txt`;
    let name = base;
    for (let n = 2; used.has(name); n++) name = base.replace(/(\.[^.]*)?$/, `-${n}$1`);
    used.add(name);
    yield { name, text: formatVpdq(parseVpdq(entry.payload ?? "")) };
  }
}
