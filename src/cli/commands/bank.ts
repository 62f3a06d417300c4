/**
 * `vigil bank import|export|list|stats`: named hash lists in the store the
 * server uses. Import, list and stats go through a running server that owns
 * the embedded folder (cli/admin-session.ts); an import is all or nothing.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { Transform } from "node:stream";
import { type Command, Option } from "commander";
import { exportBank } from "../../matching/bank-files/export-bank.js";
import { type BankFileFormat, guessBankFormat } from "../../matching/bank-files/parse-bank-file.js";
import { BankRepository } from "../../store/repositories/bank-repository.js";
import type { Provenance, SignalType } from "../../store/schema.js";
import { withAdmin } from "../admin-session.js";
import { addStoreOptions, type StoreOptions, withStore } from "../open-store.js";
import { startProgress } from "../progress.js";
import { writeLine } from "../write-line.js";

interface ImportOptions extends StoreOptions {
  format?: BankFileFormat;
  signalType: SignalType;
  provenance: Provenance;
  source: string;
  addedBy: string;
  json: boolean;
  progress?: boolean;
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

export function registerBankCommands(program: Command): void {
  const bank = program.command("bank").description("manage hash banks (named lists of known hashes)");

  addStoreOptions(
    bank
      .command("import")
      .description("import hashes from a file into a bank (created if new)")
      .argument("<name>", "bank name")
      .argument(
        "<files...>",
        "bank files: plain hashes one per line, python-threatexchange/HMA CSV, or vPDQ text",
      )
      .addOption(
        new Option("--format <format>", "file format (default: csv for .csv, else lines)").choices([
          "lines",
          "csv",
          "vpdq",
        ]),
      )
      .addOption(
        new Option("--signal-type <type>", "type of 64-hex values in plain files")
          .choices(["pdq", "sha256"])
          .default("pdq"),
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
      .option("--no-progress", "never show a progress bar"),
  ).action(async (name: string, files: string[], options: ImportOptions) => {
    process.exitCode = await withAdmin(options, async (admin) => {
      let failed = false;
      for (const file of files) {
        const format = options.format ?? guessBankFormat(file);
        const total = Math.max(1, Math.ceil((await stat(file)).size / STEP));
        const progress = startProgress(
          `importing ${file} (KiB)`,
          total,
          options.progress === false ? "never" : options.progress ? "always" : "auto",
        );
        let shown = 0;
        const counted = createReadStream(file).pipe(
          countingStream((bytes) => {
            for (; shown < Math.min(Math.floor(bytes / STEP), total); shown++) progress.increment();
          }),
        );
        const report = await admin
          .importBank({
            bank: name,
            fileName: basename(file),
            body: counted,
            options: {
              format,
              signalType: options.signalType,
              provenance: options.provenance,
              source: options.source,
              addedBy: options.addedBy,
            },
          })
          .finally(() => progress.stop());
        if (options.json) await writeLine(JSON.stringify({ file, ...report }));
        else {
          await writeLine(
            `${file}: ${report.rows} rows read, ${report.inserted} added to bank "${name}", ${report.duplicates} already there, ${report.rejected} rejected`,
          );
          for (const r of report.rejections) process.stderr.write(`${file}:${r.line}: ${r.reason}\n`);
          if (report.rejected > report.rejections.length) {
            process.stderr.write(
              `${file}: … and ${report.rejected - report.rejections.length} more rejected rows\n`,
            );
          }
        }
        if (report.rejected > 0) failed = true;
      }
      return failed ? 1 : 0;
    });
  });

  addStoreOptions(
    bank
      .command("export")
      .description("write a bank out as CSV (python-threatexchange columns first) or plain lines")
      .argument("<name>", "bank name")
      .addOption(new Option("--format <format>", "output format").choices(["csv", "lines"]).default("csv"))
      .option("-o, --output <file>", "write to a file instead of stdout"),
  ).action(async (name: string, options: StoreOptions & { format: "csv" | "lines"; output?: string }) => {
    await withStore(options, async (database) => {
      const repo = new BankRepository(database.db);
      const out = options.output ? createWriteStream(options.output) : null;
      for await (const line of exportBank(repo, name, options.format)) {
        if (out) {
          if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
        } else await writeLine(line);
      }
      if (out)
        await new Promise<void>((resolve, reject) =>
          out.end((error?: Error | null) => (error ? reject(error) : resolve())),
        );
    });
  });

  addStoreOptions(
    bank.command("list").description("list banks with their entry counts").option("--json", "JSON", false),
  ).action(async (options: StoreOptions & { json: boolean }) => {
    await withAdmin(options, async (admin) => {
      for (const b of await admin.listBanks()) {
        await writeLine(
          options.json
            ? JSON.stringify(b)
            : `${b.name}\t${b.entries} entries\t${b.enabled ? "enabled" : "disabled"}`,
        );
      }
    });
  });

  addStoreOptions(
    bank.command("stats").description("counts by signal type, provenance and ignored").argument("<name>"),
  ).action(async (name: string, options: StoreOptions) => {
    await withAdmin(options, async (admin) => {
      await writeLine(JSON.stringify(await admin.bankStats(name)));
    });
  });
}
