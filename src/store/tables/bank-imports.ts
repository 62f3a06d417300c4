/** Bank imports in progress (migration 0015): staged rows become bank entries in one transaction. */
import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, integer, jsonb, pgTable, real, text } from "drizzle-orm/pg-core";
import type { Provenance, SignalType } from "./banks.js";
import { at } from "./timestamps.js";

export const bankImports = pgTable("bank_imports", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  bankName: text("bank_name").notNull(),
  actor: text("actor").notNull().default(""),
  state: text("state").$type<"staging" | "committed" | "abandoned">().notNull().default("staging"),
  staged: integer("staged").notNull().default(0),
  startedAt: at("started_at").notNull().defaultNow(),
  /** Last staged batch: a staging import untouched for long is a dead one, swept. */
  touchedAt: at("touched_at").notNull().defaultNow(),
  finishedAt: at("finished_at"),
});

export const bankEntryStaging = pgTable("bank_entry_staging", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  importId: bigint("import_id", { mode: "number" }).notNull(),
  signalType: text("signal_type").$type<SignalType>().notNull(),
  value: text("value").notNull(),
  payload: text("payload"),
  quality: integer("quality"),
  source: text("source").notNull().default(""),
  provenance: text("provenance").$type<Provenance>().notNull().default("unconfirmed"),
  confidence: real("confidence"),
  addedBy: text("added_by").notNull().default(""),
  ignored: boolean("ignored").notNull().default(false),
  metadata: jsonb("metadata").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
});
