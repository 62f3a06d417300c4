/**
 * The databases store tests run against: embedded PGlite always, and the
 * PostgreSQL server named by VIGIL_TEST_DATABASE_URL when set (a fresh database
 * per call, dropped afterwards). Without that variable the PostgreSQL run skips
 * and says so.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { DatabaseOptions } from "../../src/store/database.js";

export const POSTGRES_URL = process.env.VIGIL_TEST_DATABASE_URL;
export const POSTGRES_ABSENT = "VIGIL_TEST_DATABASE_URL is not set; PostgreSQL run skipped (.ci/run sets it)";

export interface TestDatabase {
  options: DatabaseOptions;
  dispose(): Promise<void>;
}

export async function embeddedTestDatabase(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), "vigil-store-"));
  return { options: { dataDir }, dispose: () => rm(dataDir, { recursive: true, force: true }) };
}

export async function postgresTestDatabase(): Promise<TestDatabase> {
  if (!POSTGRES_URL) throw new Error(POSTGRES_ABSENT);
  const name = `vigil_test_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const dataDir = await mkdtemp(join(tmpdir(), "vigil-store-pg-"));
  return {
    options: { databaseUrl: url.toString(), dataDir },
    async dispose() {
      const cleanup = new pg.Client({ connectionString: POSTGRES_URL });
      await cleanup.connect();
      // Connections the code under test has just closed may still be ending on the server; forcing
      // them then hands node-postgres an error on a client it already let go of, so wait a moment.
      for (let i = 0; i < 40; i++) {
        const open = await cleanup.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1",
          [name],
        );
        if (open.rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Both kinds, for `for (const kind of databaseKinds)` test tables. */
export const databaseKinds = [
  { label: "PGlite", make: embeddedTestDatabase, skip: false as const },
  {
    label: "PostgreSQL",
    make: postgresTestDatabase,
    skip: POSTGRES_URL ? (false as const) : POSTGRES_ABSENT,
  },
];
