/**
 * `vigil bank export`: a bank in any exchange format, to stdout or a file; vPDQ
 * videos as reference text files into a folder (or one video to a file or
 * stdout). What a format cannot hold is left out and said on stderr.
 */
import { createWriteStream } from "node:fs";
import { mkdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Command, Option } from "commander";
import {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportReport,
  exportBank,
  exportVideos,
  lineEnding,
  type VideoFile,
} from "../../banks/bank-files/export-bank.js";
import { BankRepository } from "../../store/repositories/bank-repository.js";
import { addStoreOptions, type StoreOptions, withStore } from "../open-store.js";
import { writeLine } from "../write-line.js";

interface ExportOptions extends StoreOptions {
  format: ExportFormat;
  output?: string;
}

async function writeOut(line: string, out: NodeJS.WritableStream): Promise<void> {
  if (!out.write(line)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
}

async function isFolder(path: string): Promise<boolean> {
  return (
    path.endsWith("/") ||
    (await stat(path)
      .then((s) => s.isDirectory())
      .catch(() => false))
  );
}

/** Videos into a folder (one reference text file each); a single video may also go to a file or stdout. */
async function exportVideoFiles(
  repo: BankRepository,
  name: string,
  output: string | undefined,
): Promise<number> {
  const folder = output !== undefined && (await isFolder(output)) ? output : undefined;
  let first: VideoFile | undefined;
  let count = 0;
  for await (const video of exportVideos(repo, name)) {
    count++;
    if (count === 1 && folder === undefined) {
      first = video;
      continue;
    }
    if (folder === undefined && output === undefined) {
      process.stderr.write(`vigil bank export: bank "${name}" holds several videos; give -o <folder>\n`);
      return 2;
    }
    const into = folder ?? (output as string);
    if (count <= 2) await mkdir(into, { recursive: true });
    if (first) await writeFile(join(into, first.name), first.text);
    first = undefined;
    await writeFile(join(into, video.name), video.text);
  }
  if (count === 0) process.stderr.write(`vigil bank export: bank "${name}" holds no vPDQ videos\n`);
  else if (first && output === undefined) await writeLine(first.text.replace(/\n$/, ""));
  else if (first && output !== undefined) await writeFile(output, first.text);
  else process.stderr.write(`${count} videos written to ${folder ?? output}\n`);
  return 0;
}

export function registerBankExport(bank: Command): void {
  addStoreOptions(
    bank
      .command("export")
      .description(
        "write a bank out: csv (pytx columns, then Vigil's), pytx-csv, pytx lines (with opinions), pytx-signals (local_file), hma content JSON, hma-signals (POST bodies), plain lines, or vpdq text files",
      )
      .argument("<name>", "bank name")
      .addOption(new Option("--format <format>", "output format").choices([...EXPORT_FORMATS]).default("csv"))
      .option("-o, --output <path>", "write to a file (a folder for several vPDQ videos) instead of stdout"),
  ).action(async (name: string, options: ExportOptions) => {
    process.exitCode = await withStore(options, async (database) => {
      const repo = new BankRepository(database.db);
      if (options.format === "vpdq") return exportVideoFiles(repo, name, options.output);
      const report: ExportReport = { written: 0, left: {} };
      const out = options.output ? createWriteStream(options.output) : process.stdout;
      const end = lineEnding(options.format);
      for await (const line of exportBank(repo, name, options.format, report)) {
        // stdout goes through writeLine (one place handles a reader that goes away); it adds the "\n".
        if (out === process.stdout) await writeLine(`${line}${end.slice(0, -1)}`);
        else await writeOut(`${line}${end}`, out);
      }
      if (out !== process.stdout) {
        await new Promise<void>((resolve, reject) =>
          (out as ReturnType<typeof createWriteStream>).end((error?: Error | null) =>
            error ? reject(error) : resolve(),
          ),
        );
      }
      for (const [reason, n] of Object.entries(report.left))
        process.stderr.write(`${n} left out: ${reason}\n`);
      return 0;
    });
  });
}
