/**
 * Imports a bank file into a bank: parses it as a stream, writes accepted rows in
 * batches, and reports how many rows were accepted, already present or rejected,
 * with the line number and reason of each rejection. A bad row never stops the
 * rest, and nothing is silently dropped: signals of types Vigil does not match
 * are counted by type name.
 */
import type { BankRepository, NewBankEntry } from "../../store/repositories/bank-repository.js";
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
  repo: BankRepository,
  bankName: string,
  path: string,
  options: ParseOptions,
  onProgress: (rowsRead: number) => void = () => {},
): Promise<ImportReport> {
  return importRows(repo, bankName, parseBankFile(path, options), onProgress);
}

/** Imports parsed rows from any source (a file, an HMA instance). */
export async function importRows(
  repo: BankRepository,
  bankName: string,
  rows: AsyncIterable<ParsedRow>,
  onProgress: (rowsRead: number) => void = () => {},
): Promise<ImportReport> {
  const bank = await repo.ensure(bankName);
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
    const { inserted, duplicates } = await repo.addEntries(bank.id, batch);
    report.inserted += inserted;
    report.duplicates += duplicates;
    batch = [];
    onProgress(report.rows);
  };
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
  return report;
}
