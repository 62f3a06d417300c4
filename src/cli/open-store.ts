/**
 * Where CLI commands keep their data: PostgreSQL when DATABASE_URL (or
 * --database-url) is set, otherwise the embedded database in the data folder
 * given by --data, VIGIL_DATA_DIR, or ./vigil-data. An embedded folder admits
 * one process (store/data-folder-lock.ts): while another owns it, a command
 * refuses and says what to do.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
import { DataFolderBusyError } from "../store/data-folder-lock.js";
import { type Database, openDatabase } from "../store/database.js";

export interface StoreOptions {
  data?: string;
  databaseUrl?: string;
}

export function addStoreOptions(command: Command): Command {
  return command
    .option("--data <dir>", "embedded data folder (default: $VIGIL_DATA_DIR or ./vigil-data)")
    .option("--database-url <url>", "PostgreSQL URL (default: $DATABASE_URL); overrides --data");
}

export function storeDatabaseUrl(options: StoreOptions): string | undefined {
  return (options.databaseUrl ?? process.env.DATABASE_URL) || undefined;
}

export function storeDataDir(options: StoreOptions): string {
  return resolve(options.data ?? process.env.VIGIL_DATA_DIR ?? "vigil-data");
}

/** The command being run (`bank import`, `evidence purge`, …), named as the folder's owner while it runs. */
export function commandRole(argv = process.argv.slice(2)): string {
  const words: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith("-") || words.length === 2) break;
    words.push(arg);
  }
  return words.join(" ") || "cli";
}

/** What to do when the folder is taken, for the refusal's message. */
export function busyAdvice(error: DataFolderBusyError): string {
  return error.owner.role === "serve"
    ? "stop the server first, or do it through the server: `vigil keys`, `vigil users` and `vigil bank import|list|stats` " +
        "reach a running server by themselves, and the HTTP API covers the rest"
    : "wait for it to finish, then run this command again";
}

export async function openStore(options: StoreOptions): Promise<Database> {
  try {
    return await openDatabase({
      databaseUrl: storeDatabaseUrl(options),
      dataDir: storeDataDir(options),
      role: commandRole(),
    });
  } catch (error) {
    if (error instanceof DataFolderBusyError) {
      throw new Error(`${error.message}. Nothing was done: ${busyAdvice(error)}.`);
    }
    throw error;
  }
}

/** Opens the store, runs `work`, and always closes it. */
export async function withStore<T>(
  options: StoreOptions,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  const database = await openStore(options);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}
