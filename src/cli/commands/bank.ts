/**
 * `vigil bank import|export|list|stats`: named hash lists in the store the
 * server uses. Import, list and stats go through a running server that owns
 * the embedded folder (cli/admin-session.ts); an import is all or nothing.
 */
import type { Command } from "commander";
import { withAdmin } from "../admin-session.js";
import { addStoreOptions, type StoreOptions } from "../open-store.js";
import { writeLine } from "../write-line.js";
import { registerBankExport } from "./bank-export.js";
import { registerBankImport } from "./bank-import.js";

export function registerBankCommands(program: Command): void {
  const bank = program.command("bank").description("manage hash banks (named lists of known hashes)");

  registerBankImport(bank);
  registerBankExport(bank);

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
