/**
 * Imports a bank file into a bank: parses it as a stream and reports how many
 * rows were accepted, already present or rejected, with the line number and
 * reason of each rejection. A bad row never stops the rest, and nothing is
 * silently dropped: signals of types Vigil does not match are counted by type
 * name. All or nothing: rows are staged under an import id and become the
 * bank's entries in one transaction at the end, so an import that fails, is
 * aborted or is killed never leaves a partial bank that matches.
 */
import type { BankImportRepository } from "../../store/repositories/bank-import-repository.js";
import type { NewBankEntry } from "../../store/repositories/bank-repository.js";
import { type ParsedRow, type ParseOptions, parseBankFile } from "./parse-bank-file.js";

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface ImportReport {
  bank: string;
  rows: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  /** Signals of types Vigil does not match (url, raw_text, ...), by type name: read, not imported. */
  skipped: Record<string, number>;
  /** The first rejections, in file order (all are counted in `rejected`). */
  rejections: RejectedRow[];
}

const BATCH = 5000;
const KEEP_REJECTIONS = 1000;

export async function importBankFile(
  imports: BankImportRepository,
  bankName: string,
  path: string,
  options: ParseOptions,
  onProgress: (rowsRead: number) => void = () => {},
): Promise<ImportReport> {
  return importRows(imports, bankName, parseBankFile(path, options), options.addedBy, onProgress);
}

/** Imports parsed rows from any source (a file, an HMA instance), staged and made visible at the end. */
export async function importRows(
  imports: BankImportRepository,
  bankName: string,
  rows: AsyncIterable<ParsedRow>,
  addedBy: string,
  onProgress: (rowsRead: number) => void = () => {},
): Promise<ImportReport> {
  const importId = await imports.begin(bankName, addedBy);
  const report: ImportReport = {
    bank: bankName,
    rows: 0,
    inserted: 0,
    duplicates: 0,
    rejected: 0,
    skipped: {},
    rejections: [],
  };
  let batch: NewBankEntry[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await imports.stage(importId, batch);
    batch = [];
    onProgress(report.rows);
  };
  try {
    for await (const row of rows) {
      report.rows++;
      if ("skipped" in row) {
        const seen = Object.hasOwn(report.skipped, row.skipped) ? report.skipped[row.skipped] : 0;
        report.skipped[row.skipped] = seen + 1;
        continue;
      }
      if ("error" in row) {
        report.rejected++;
        if (report.rejections.length < KEEP_REJECTIONS)
          report.rejections.push({ line: row.line, reason: row.error });
        continue;
      }
      batch.push(row.entry);
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  } catch (error) {
    await imports.abandon(importId).catch(() => {});
    throw error;
  }
  const { inserted, duplicates } = await imports.commit(importId);
  report.inserted = inserted;
  report.duplicates = duplicates;
  return report;
}
