/**
 * `vigil bank import`: files in any bank format (detected from the name or the
 * first line unless --format says), folders of vPDQ files, or a bank's content
 * read from a running HMA instance. Prints what was read, added, already there,
 * rejected (with line numbers) and skipped (by signal type).
 */
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { Transform } from "node:stream";
import { type Command, Option } from "commander";
import type { AdminOperations } from "../../admin/admin-operations.js";
import type { ImportReport } from "../../banks/bank-files/import-bank-file.js";
import {
  type BankFileFormat,
  detectBankFormat,
  type ParseOptions,
} from "../../banks/bank-files/parse-bank-file.js";
import { type HmaScan, HmaSourceError, hmaSource, parseContentIds } from "../../banks/hma-source.js";
import type { Provenance, SignalType } from "../../store/schema.js";
import { withAdmin } from "../admin-session.js";
import { addStoreOptions, type StoreOptions } from "../open-store.js";
import { startProgress } from "../progress.js";
import { writeLine } from "../write-line.js";

interface ImportOptions extends StoreOptions {
  format?: BankFileFormat;
  signalType?: SignalType;
  provenance: Provenance;
  source: string;
  addedBy: string;
  json: boolean;
  progress?: boolean;
  fromHma?: string;
  hmaBank?: string;
  contentIds?: string;
  allowHost: string[];
}

/** Files to read: a folder stands for its files (a folder of vPDQ files, one video each). */
async function expand(paths: string[]): Promise<{ path: string; folder: boolean }[]> {
  const out: { path: string; folder: boolean }[] = [];
  for (const path of paths) {
    if (!(await stat(path)).isDirectory()) {
      out.push({ path, folder: false });
      continue;
    }
    for (const name of (await readdir(path)).sort()) {
      const file = join(path, name);
      if ((await stat(file)).isFile() && !name.startsWith(".")) out.push({ path: file, folder: true });
    }
  }
  return out;
}

function skippedText(skipped: Record<string, number>): string {
  const parts = Object.entries(skipped).map(([type, n]) => `${type}: ${n}`);
  return parts.length === 0 ? "" : `, skipped (types Vigil does not match) ${parts.join(", ")}`;
}

async function printReport(
  label: string,
  report: ImportReport,
  json: boolean,
  extra: object = {},
): Promise<void> {
  if (json) return writeLine(JSON.stringify({ file: label, ...report, ...extra }));
  await writeLine(
    `${label}: ${report.rows} rows read, ${report.inserted} added to bank "${report.bank}", ${report.duplicates} already there, ${report.rejected} rejected${skippedText(report.skipped)}`,
  );
  for (const r of report.rejections) process.stderr.write(`${label}:${r.line}: ${r.reason}\n`);
  if (report.rejected > report.rejections.length) {
    process.stderr.write(
      `${label}: … and ${report.rejected - report.rejections.length} more rejected rows\n`,
    );
  }
}

async function importFromHma(
  admin: AdminOperations,
  name: string,
  options: ImportOptions,
  parse: ParseOptions,
) {
  const scan: HmaScan = { absent: 0, inOtherBanks: 0 };
  const hmaBank = options.hmaBank ?? name;
  const rows = hmaSource(
    {
      baseUrl: options.fromHma ?? "",
      bank: hmaBank,
      contentIds: parseContentIds(options.contentIds ?? ""),
      allowHosts: new Set(options.allowHost.map((h) => h.toLowerCase())),
      token: process.env.VIGIL_HMA_TOKEN || undefined,
    },
    { ...parse, source: parse.source || `hma:${hmaBank}` },
    scan,
  );
  const label = `${options.fromHma} bank ${hmaBank}`;
  const report = await admin.importRows(name, rows, parse.addedBy, label);
  await printReport(label, report, options.json, { hma: scan });
  if (!options.json) {
    process.stderr.write(`HMA: ${scan.absent} content ids not found, ${scan.inOtherBanks} in other banks\n`);
  }
  return report.rejected > 0;
}

/** Progress in KiB of the file read, the same whether the store is here or behind a server. */
const STEP = 1024;

function countingStream(onBytes: (bytes: number) => void): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      onBytes(bytes);
      done(null, chunk);
    },
  });
}

async function importFile(
  admin: AdminOperations,
  name: string,
  path: string,
  parse: ParseOptions,
  progressMode: "never" | "auto" | "always",
): Promise<ImportReport> {
  const total = Math.max(1, Math.ceil((await stat(path)).size / STEP));
  const progress = startProgress(`importing ${path} (KiB)`, total, progressMode);
  let shown = 0;
  const body = createReadStream(path).pipe(
    countingStream((bytes) => {
      for (; shown < Math.min(Math.floor(bytes / STEP), total); shown++) progress.increment();
    }),
  );
  return admin
    .importBank({ bank: name, fileName: basename(path), body, options: parse })
    .finally(() => progress.stop());
}

export function registerBankImport(bank: Command): void {
  addStoreOptions(
    bank
      .command("import")
      .description("import hashes into a bank (created if new) from files or from an HMA instance")
      .argument("<name>", "bank name")
      .argument(
        "[files...]",
        "bank files or folders: plain hashes, pytx/HMA CSV, pytx lines, HMA content JSON, vPDQ text",
      )
      .addOption(
        new Option("--format <format>", "file format (default: from the name, else the first line)").choices([
          "lines",
          "csv",
          "pytx",
          "hma",
          "vpdq",
        ]),
      )
      .addOption(
        new Option(
          "--signal-type <type>",
          "type of 64-hex values in plain files (default pdq), or of every line of a pytx file without types",
        ).choices(["pdq", "md5", "sha256", "vpdq"]),
      )
      .addOption(
        new Option("--provenance <p>", "provenance of the imported hashes")
          .choices(["confirmed", "unconfirmed"])
          .default("unconfirmed"),
      )
      .option("--source <text>", "where the list came from", "")
      .option("--added-by <who>", "who imported it", process.env.USER ?? "")
      .option("--json", "print the import report as JSON", false)
      .option("--progress", "always show a progress bar on stderr")
      .option("--no-progress", "never show a progress bar")
      .option(
        "--from-hma <url>",
        "read the bank's content from HMA at this base URL (token: $VIGIL_HMA_TOKEN)",
      )
      .option("--hma-bank <name>", "the bank's name in HMA (default: <name>)")
      .option("--content-ids <ids>", "HMA content ids to read, e.g. 1-500,720 (HMA cannot list them)")
      .option(
        "--allow-host <host>",
        "a host that may resolve to a private address (HMA inside your network)",
        (value: string, previous: string[]) => [...previous, value],
        [] as string[],
      ),
  ).action(async (name: string, files: string[], options: ImportOptions) => {
    if (files.length === 0 && !options.fromHma) {
      process.stderr.write("vigil bank import: give files, or --from-hma with --content-ids\n");
      process.exitCode = 2;
      return;
    }
    const parse = (format: BankFileFormat): ParseOptions => ({
      format,
      signalType: options.signalType,
      provenance: options.provenance,
      source: options.source,
      addedBy: options.addedBy,
    });
    const progressMode = options.progress === false ? "never" : options.progress ? "always" : "auto";
    process.exitCode = await withAdmin(options, async (admin) => {
      let failed = false;
      if (options.fromHma) {
        try {
          failed = await importFromHma(admin, name, options, parse("hma"));
        } catch (error) {
          if (!(error instanceof HmaSourceError)) throw error;
          process.stderr.write(`vigil bank import: ${error.message}\n`);
          return 1;
        }
      }
      for (const { path, folder } of await expand(files)) {
        const format = options.format ?? (folder ? "vpdq" : await detectBankFormat(path));
        const report = await importFile(admin, name, path, parse(format), progressMode);
        await printReport(path, report, options.json, { format });
        if (report.rejected > 0) failed = true;
      }
      return failed ? 1 : 0;
    });
  });
}
