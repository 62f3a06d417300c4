/** Hash banks and their entries (issue 3). */
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

import type { Provenance, SignalType } from "../../domain/banks.js";

export { PROVENANCES, type Provenance, SIGNAL_TYPES, type SignalType } from "../../domain/banks.js";

export const banks = pgTable("banks", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  description: text("description").notNull().default(""),
  enabled: boolean("enabled").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const bankEntries = pgTable(
  "bank_entries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    bankId: integer("bank_id")
      .notNull()
      .references(() => banks.id, { onDelete: "cascade" }),
    signalType: text("signal_type").$type<SignalType>().notNull(),
    /** Lower-case hex for pdq/md5/sha256; for vpdq the SHA-256 of its frame list, which is in `payload`. */
    value: text("value").notNull(),
    /** vPDQ frames in the reference text format (`frameNumber,quality,pdqHex,timestampSeconds` lines). */
    payload: text("payload"),
    quality: integer("quality"),
    source: text("source").notNull().default(""),
    provenance: text("provenance").$type<Provenance>().notNull().default("unconfirmed"),
    confidence: real("confidence"),
    addedBy: text("added_by").notNull().default(""),
    /** Known false positive: a match on it is reported as ignored, never acted on. */
    ignored: boolean("ignored").notNull().default(false),
    metadata: jsonb("metadata").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("bank_entries_bank_signal_value").on(t.bankId, t.signalType, t.value),
    index("bank_entries_signal_value").on(t.signalType, t.value),
  ],
);
