/**
 * Applies the migrations not yet applied, each in its own transaction, recording
 * them in vigil_migrations. On PostgreSQL an advisory lock, held on the one
 * connection that migrates, keeps two processes starting at once from migrating twice.
 */
import { MIGRATIONS } from "./migrations/index.js";

/** One database session: every call runs on the same connection. */
export interface MigrationSession {
  kind: "pglite" | "postgres";
  exec(sql: string): Promise<void>;
  appliedIds(): Promise<string[]>;
}

const LOCK_KEY = 7_318_224_901; // arbitrary, constant: "vigil migrations"

export async function runMigrations(session: MigrationSession): Promise<string[]> {
  await session.exec(
    "CREATE TABLE IF NOT EXISTS vigil_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
  );
  if (session.kind === "postgres") await session.exec(`SELECT pg_advisory_lock(${LOCK_KEY})`);
  const applied: string[] = [];
  try {
    const done = new Set(await session.appliedIds());
    for (const migration of MIGRATIONS) {
      if (done.has(migration.id)) continue;
      try {
        await session.exec(
          `BEGIN;\n${migration.sql}\nINSERT INTO vigil_migrations (id) VALUES ('${migration.id}');\nCOMMIT;`,
        );
      } catch (error) {
        await session.exec("ROLLBACK").catch(() => {});
        throw new Error(`migration ${migration.id} failed: ${(error as Error).message}`);
      }
      applied.push(migration.id);
    }
  } finally {
    if (session.kind === "postgres") await session.exec(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
  }
  return applied;
}
