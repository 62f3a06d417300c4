/**
 * Writes a bank out in the exchange formats: CSV with python-threatexchange's
 * columns first (`signal_type,signal_str,collab,category,tags`) and Vigil's
 * per-entry fields after them, or plain values one per line.
 */
import type { BankEntry, BankRepository } from "../../store/repositories/bank-repository.js";
import { ENTRY_COLUMNS } from "./bank-csv-columns.js";
import { formatCsvField } from "./csv-line.js";

export type ExportFormat = "csv" | "lines";

export const CSV_COLUMNS = [
  "signal_type",
  "signal_str",
  "collab",
  "category",
  "tags",
  ...ENTRY_COLUMNS.slice(2),
] as const;

function csvRow(bankName: string, e: BankEntry): string {
  const values = [
    e.signalType,
    e.value,
    bankName,
    e.metadata.category ?? "",
    e.metadata.tags ?? "",
    e.quality === null ? "" : String(e.quality),
    e.provenance,
    e.confidence === null ? "" : String(e.confidence),
    e.source,
    e.addedBy,
    e.ignored ? "true" : "false",
  ];
  return values.map(formatCsvField).join(",");
}

/** Yields the export line by line; vPDQ entries (whole videos) are not part of these flat formats. */
export async function* exportBank(
  repo: BankRepository,
  bankName: string,
  format: ExportFormat,
): AsyncGenerator<string> {
  const bank = await repo.get(bankName);
  if (format === "csv") yield CSV_COLUMNS.join(",");
  for await (const entry of repo.entries(bank.id)) {
    if (entry.signalType === "vpdq") continue;
    yield format === "csv" ? csvRow(bankName, entry) : entry.value;
  }
}
