/**
 * Where CLI commands keep their data: PostgreSQL when DATABASE_URL (or
 * --database-url) is set, otherwise the embedded database in the data folder
 * given by --data, VIGIL_DATA_DIR, or ./vigil-data.
 */
import { resolve } from "node:path";
import type { Command } from "commander";
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

export function openStore(options: StoreOptions): Promise<Database> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  const dataDir = resolve(options.data ?? process.env.VIGIL_DATA_DIR ?? "vigil-data");
  return openDatabase({ databaseUrl: databaseUrl || undefined, dataDir });
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
