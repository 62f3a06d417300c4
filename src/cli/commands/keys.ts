/**
 * `vigil keys create|list|revoke|rotate`: API keys for platforms and tools; a
 * new key is printed once. While `vigil serve` owns an embedded data folder
 * these go through the server (cli/admin-session.ts), so it sees them at once.
 */
import type { Command } from "commander";
import { API_SCOPES, type ApiScope } from "../../store/schema.js";
import { withAdmin } from "../admin-session.js";
import { addStoreOptions, type StoreOptions } from "../open-store.js";
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

/** `90s`, `15m`, `24h`, `7d` or plain seconds. */
export function parseGrace(text: string): number {
  const match = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (!match)
    throw new Error(`--grace must be a duration like 3600, 15m, 24h or 7d, not ${JSON.stringify(text)}`);
  const seconds = Number(match[1]) * { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as "" | "s"];
  if (seconds > 30 * 86400) throw new Error("--grace is at most 30 days");
  return seconds;
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
    await withAdmin(options, async (admin) => {
      const { key } = await admin.createKey(options.name, scopes);
      await writeLine(key);
    });
  });
  addStoreOptions(keys.command("list").description("list keys (names, prefixes, scopes, status)")).action(
    async (options: StoreOptions) => {
      await withAdmin(options, async (admin) => {
        for (const k of await admin.listKeys()) {
          const status = k.status === "expiring" ? `expiring ${k.expires_at}` : k.status;
          await writeLine(`${k.name}\t${k.prefix}…\t${k.scopes.join(",")}\t${status}`);
        }
      });
    },
  );
  addStoreOptions(keys.command("revoke").description("revoke a key by name").argument("<name>")).action(
    async (name: string, options: StoreOptions) => {
      await withAdmin(options, (admin) => admin.revokeKey(name));
    },
  );
  addStoreOptions(
    keys
      .command("rotate")
      .description(
        "issue a new key for the name and print it; the old key works for the grace period, then is refused",
      )
      .argument("<name>")
      .option("--grace <duration>", "how long the old key keeps working (e.g. 3600, 15m, 24h, 7d)", "24h"),
  ).action(async (name: string, options: StoreOptions & { grace: string }) => {
    const grace = parseGrace(options.grace);
    await withAdmin(options, async (admin) => {
      const { key, old_key_expires_at } = await admin.rotateKey(name, grace);
      await writeLine(key);
      process.stderr.write(`the previous key named "${name}" is refused from ${old_key_expires_at}\n`);
    });
  });
  addStoreOptions(
    keys
      .command("rekey")
      .description(
        "after rotating VIGIL_MEDIA_KEY or VIGIL_DATA_KEY: re-seal media and personal fields under the current keys (while serving)",
      ),
  ).action(async (options: StoreOptions) => {
    await withAdmin(options, async (admin) => {
      await writeLine(JSON.stringify(await admin.rekey()));
    });
  });
}
