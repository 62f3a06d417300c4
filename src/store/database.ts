/**
 * Opens Vigil's database: embedded PGlite in a data folder by default, or a
 * PostgreSQL server when a URL is given. Both speak the same SQL, take the same
 * migrations and are used through the same drizzle API.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { type DataFolderLock, lockDataFolder } from "./data-folder-lock.js";
import { runMigrations } from "./migrate.js";
import * as schema from "./schema.js";
import { storableTextGuard } from "./text-guard.js";

export type VigilDb = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  readonly kind: "pglite" | "postgres";
  readonly db: VigilDb;
  /** The embedded folder's lock (data-folder-lock.ts), held until close; absent on PostgreSQL. */
  readonly lock?: DataFolderLock;
  /** Runs SQL text with no parameters (migrations, maintenance). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… to use a PostgreSQL server; otherwise the embedded database in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** Who opens an embedded folder (`serve`, `bank import`, …), named in its lock; default `store`. */
  role?: string;
}

/** Where the embedded database lives inside Vigil's data folder. */
export function pgliteDirectory(dataDir: string): string {
  return join(dataDir, "pglite");
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl)
    : openPglite(options.dataDir, options.role ?? "store");
}

/** One connection of PGlite or node-postgres: run SQL text (several statements), or query rows. */
interface Connection {
  exec(sql: string): Promise<unknown>;
  query<Row>(sql: string): Promise<{ rows: Row[] }>;
}

/** Runs the migrations on one connection; on failure closes what was opened and rethrows. */
async function migrateOrClose(
  kind: Database["kind"],
  connection: Connection,
  close: () => Promise<void>,
): Promise<void> {
  try {
    await runMigrations({
      kind,
      exec: async (sql) => {
        await connection.exec(sql);
      },
      appliedIds: async () =>
        (await connection.query<{ id: string }>("SELECT id FROM vigil_migrations")).rows.map((r) => r.id),
    });
  } catch (error) {
    await close();
    throw error;
  }
}

async function openPglite(dataDir: string, role: string): Promise<Database> {
  const dir = pgliteDirectory(dataDir);
  mkdirSync(dir, { recursive: true });
  // PGlite has no lock of its own: a second process on the folder would lose writes (issue 17, 1).
  const lock = lockDataFolder(dataDir, role);
  // pg_trgm: trigram indexes for search (migration 0019), shipped inside PGlite as on PostgreSQL.
  const client = await PGlite.create(dir, { extensions: { pg_trgm } }).catch((error: unknown) => {
    lock.release();
    throw error;
  });
  const close = async () => {
    try {
      await client.close();
    } finally {
      lock.release();
    }
  };
  await migrateOrClose("pglite", client, close);
  return {
    kind: "pglite",
    db: drizzlePglite(client, { schema, logger: storableTextGuard }) as unknown as VigilDb,
    lock,
    exec: async (sql) => {
      await client.exec(sql);
    },
    close,
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server ends (restart, failover, an administrator) is dropped by the
  // pool and the next query opens a new one; unheard, node-postgres would throw it and end Vigil.
  pool.on("error", () => {});
  // Fail now, with the server's own words, rather than at the first query.
  const probe = await pool.connect().catch(async (error: unknown) => {
    await pool.end();
    throw new Error(`cannot connect to PostgreSQL at ${redact(url)}: ${(error as Error).message}`);
  });
  // node-postgres runs parameterless query text with the simple protocol, several statements included.
  const connection = {
    exec: (sql: string) => probe.query(sql),
    query: async <Row>(sql: string) => ({ rows: (await probe.query(sql)).rows as Row[] }),
  };
  await migrateOrClose("postgres", connection, async () => {
    probe.release();
    await pool.end();
  });
  probe.release();
  return {
    kind: "postgres",
    db: drizzlePg(pool, { schema, logger: storableTextGuard }) as unknown as VigilDb,
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}

/** A connection URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
