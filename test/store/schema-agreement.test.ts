/**
 * The drizzle tables (what code reads) and the migrations (what the database
 * has) are written by hand; this keeps them from drifting: every table and
 * column drizzle knows exists after migrating, with the same nullability and
 * type, and the database has no column drizzle does not know.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { openDatabase } from "../../src/store/database.js";
import * as schema from "../../src/store/schema.js";
import { embeddedTestDatabase } from "../support/databases.js";

/** drizzle's column types as information_schema names them. */
const SQL_TYPE: Record<string, string> = {
  PgSerial: "integer",
  PgBigSerial53: "bigint",
  PgBigInt53: "bigint",
  PgInteger: "integer",
  PgText: "text",
  PgBoolean: "boolean",
  PgReal: "real",
  PgJsonb: "jsonb",
  PgTimestamp: "timestamp with time zone",
};

test("every drizzle table and column exists in the migrated database, and no other column", async () => {
  const target = await embeddedTestDatabase();
  const database = await openDatabase(target.options);
  try {
    const result = (await database.db.execute(
      "SELECT table_name, column_name, is_nullable, data_type FROM information_schema.columns WHERE table_schema = 'public'" as never,
    )) as unknown as {
      rows: { table_name: string; column_name: string; is_nullable: string; data_type: string }[];
    };
    const actual = new Map(result.rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
    const expected = new Set<string>();
    const tables = Object.values(schema).filter((value) => is(value, PgTable));
    assert.ok(tables.length >= 15, `found ${tables.length} tables`);
    for (const table of tables) {
      const config = getTableConfig(table);
      for (const column of config.columns) {
        const key = `${config.name}.${column.name}`;
        expected.add(key);
        const row = actual.get(key);
        assert.ok(row, `${key} is in the schema but no migration creates it`);
        assert.equal(row.is_nullable === "YES", !column.notNull, `${key}: nullability differs`);
        assert.equal(row.data_type, SQL_TYPE[column.columnType] ?? column.columnType, `${key}: type differs`);
      }
    }
    for (const key of actual.keys()) {
      if (key.startsWith("vigil_migrations.")) continue;
      assert.ok(expected.has(key), `${key} exists in the database but not in the schema`);
    }
  } finally {
    await database.close();
    await target.dispose();
  }
});
