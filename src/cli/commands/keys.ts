/** `vigil keys create|list|revoke`: API keys for platforms and tools; a new key is printed once. */
import type { Command } from "commander";
import { ApiKeyRepository } from "../../store/repositories/api-key-repository.js";
import { API_SCOPES, type ApiScope } from "../../store/schema.js";
import { addStoreOptions, type StoreOptions, withStore } from "../open-store.js";
import { writeLine } from "../write-line.js";

function parseScopes(text: string): ApiScope[] {
  const scopes = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0)
    throw new Error(`unknown scope(s) ${unknown.join(", ")}; known: ${API_SCOPES.join(", ")}`);
  if (scopes.length === 0) throw new Error("--scopes needs at least one scope");
  return scopes as ApiScope[];
}

export function registerKeysCommands(program: Command): void {
  const keys = program.command("keys").description("API keys for machines");
  addStoreOptions(
    keys
      .command("create")
      .description("create a key and print it (only now: Vigil keeps only its hash)")
      .requiredOption("--name <name>", "a name to recognise the key by (recorded as the actor)")
      .requiredOption("--scopes <list>", `comma-separated: ${API_SCOPES.join(",")}`),
  ).action(async (options: StoreOptions & { name: string; scopes: string }) => {
    const scopes = parseScopes(options.scopes);
    await withStore(options, async (database) => {
      const { key } = await new ApiKeyRepository(database.db).create(options.name, scopes);
      await writeLine(key);
    });
  });
  addStoreOptions(keys.command("list").description("list keys (names, prefixes, scopes)")).action(
    async (options: StoreOptions) => {
      await withStore(options, async (database) => {
        for (const k of await new ApiKeyRepository(database.db).list()) {
          await writeLine(
            `${k.name}\t${k.prefix}…\t${k.scopes.join(",")}\t${k.revokedAt ? "revoked" : "active"}`,
          );
        }
      });
    },
  );
  addStoreOptions(keys.command("revoke").description("revoke a key by name").argument("<name>")).action(
    async (name: string, options: StoreOptions) => {
      await withStore(options, async (database) => {
        if (!(await new ApiKeyRepository(database.db).revoke(name)))
          throw new Error(`no active key named "${name}"`);
      });
    },
  );
}
