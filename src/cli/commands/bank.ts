/** `vigil bank import|export|list|stats`: named hash lists in the store the server uses. */
import type { Command } from "commander";
import { BankRepository } from "../../store/repositories/bank-repository.js";
import { addStoreOptions, type StoreOptions, withStore } from "../open-store.js";
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
    await withStore(options, async (database) => {
      for (const b of await new BankRepository(database.db).list()) {
        await writeLine(
          options.json
            ? JSON.stringify({
                name: b.name,
                entries: b.entries,
                enabled: b.enabled,
                description: b.description,
              })
            : `${b.name}\t${b.entries} entries\t${b.enabled ? "enabled" : "disabled"}`,
        );
      }
    });
  });

  addStoreOptions(
    bank.command("stats").description("counts by signal type, provenance and ignored").argument("<name>"),
  ).action(async (name: string, options: StoreOptions) => {
    await withStore(options, async (database) => {
      const stats = await new BankRepository(database.db).stats(name);
      await writeLine(
        JSON.stringify({
          name,
          enabled: stats.bank.enabled,
          bySignalType: stats.bySignalType,
          byProvenance: stats.byProvenance,
          ignored: stats.ignored,
        }),
      );
    });
  });
}
