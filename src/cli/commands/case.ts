/**
 * `vigil case export ID --out DIR` writes the police hand-over package of a
 * case (src/report/handover); `vigil case verify PACKAGE [--public-key FILE]`
 * checks one, names every modified, missing or extra file, and exits 1 when
 * anything is wrong.
 */
import { readFile } from "node:fs/promises";
import { type Command, InvalidArgumentError } from "commander";
import { exportCase } from "../../report/handover/export-case.js";
import { loadOrCreateSigningKey } from "../../report/handover/signing-key.js";
import { verifyPackage } from "../../report/handover/verify-package.js";
import { loadFieldCipher } from "../../store/field-cipher.js";
import { operator, withEvidence } from "../evidence-session.js";
import { addStoreOptions, type StoreOptions } from "../open-store.js";
import { type ProgressPreference, startProgress } from "../progress.js";
import { writeLine } from "../write-line.js";

/** Case and hold ids on the command line. */
export function positiveId(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new InvalidArgumentError("expected an id (a positive whole number)");
  return n;
}

interface ExportOptions extends StoreOptions {
  out: string;
  withholdPhones?: boolean;
  progress?: boolean;
}

export function registerCaseCommands(program: Command): void {
  const cases = program.command("case").description("cases as evidence: police hand-over packages");
  addStoreOptions(
    cases
      .command("export")
      .description("write a signed hand-over package of a case: media decrypted, records, manifest")
      .argument("<id>", "case id", positiveId)
      .requiredOption("--out <dir>", "a new or empty folder for the package")
      .option("--withhold-phones", "list the accounts without decrypting their phone numbers")
      .option("--progress", "always show progress")
      .option("--no-progress", "never show progress"),
  ).action(async (id: number, options: ExportOptions) => {
    const preference: ProgressPreference =
      options.progress === true ? "always" : options.progress === false ? "never" : "auto";
    await withEvidence(options, async (store, dataDir) => {
      const key = await loadOrCreateSigningKey(dataDir, process.env);
      let bar = startProgress("export", 0, "never");
      const exported = await exportCase(store, {
        caseId: id,
        outDir: options.out,
        key,
        by: operator(),
        // Police need the numbers; decrypting them is counted in the export's audit entry.
        revealPhone: options.withholdPhones
          ? undefined
          : (sealed) => loadFieldCipher(dataDir, process.env).open(sealed),
        onStart: (total) => {
          bar = startProgress("export", total, preference);
        },
        onFile: () => bar.increment(),
      });
      bar.stop();
      await writeLine(`package: ${exported.dir}`);
      await writeLine(`files: ${exported.manifest.files.length}, manifest sha256 ${exported.manifestSha256}`);
      await writeLine(`signed with Ed25519 key ${key.fingerprint}`);
    });
  });

  cases
    .command("verify")
    .description("check a hand-over package's signature and every file's SHA-256; exit 1 on any problem")
    .argument("<package>", "the package folder")
    .option("--public-key <file>", "the PEM public key the package must be signed with")
    .option("--json", "print the report as JSON")
    .action(async (dir: string, options: { publicKey?: string; json?: boolean }) => {
      const publicKeyPem = options.publicKey ? await readFile(options.publicKey, "utf8") : undefined;
      const report = await verifyPackage(dir, { publicKeyPem });
      if (options.json) {
        await writeLine(JSON.stringify(report));
      } else {
        const source =
          report.keySource === "given"
            ? "the given key"
            : "the package's own key (pass --public-key to check who signed)";
        await writeLine(`key: ${report.keyFingerprint ?? "none"} (${source})`);
        for (const problem of report.problems)
          await writeLine(`${problem.kind}: ${problem.path}: ${problem.detail}`);
        await writeLine(
          report.ok
            ? `OK: signature valid, ${report.filesChecked} files match the manifest`
            : `FAILED: ${report.problems.length} problem(s)`,
        );
      }
      if (!report.ok) process.exitCode = 1;
    });
}
