/** Hash exchange between instances (issue 19; migration 0021-exchange). */
import { sql } from "drizzle-orm";
import { bigint, bigserial, integer, jsonb, pgTable, primaryKey, serial, text } from "drizzle-orm/pg-core";
import type { SignalType } from "./banks.js";
import { at, createdAt } from "./timestamps.js";

export type ExchangeOp = "confirm" | "withdraw";
export const EXCHANGE_TRUSTS = ["review", "automatic"] as const;
export type ExchangeTrust = (typeof EXCHANGE_TRUSTS)[number];

/** Written by triggers on bank_entries only; its seq is the feed cursor. */
export const exchangeLog = pgTable("exchange_log", {
  seq: bigserial("seq", { mode: "number" }).primaryKey(),
  bankId: integer("bank_id").notNull(),
  op: text("op").$type<ExchangeOp>().notNull(),
  signalType: text("signal_type").$type<SignalType>().notNull(),
  value: text("value").notNull(),
  payload: text("payload"),
  metadata: jsonb("metadata").$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
  changedAt: at("changed_at").notNull().defaultNow(),
});

export const exchangeShares = pgTable(
  "exchange_shares",
  {
    /** The partner's API key name. */
    partner: text("partner").notNull(),
    bankId: integer("bank_id").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.partner, t.bankId] })],
);

export const exchangeSources = pgTable("exchange_sources", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  feedUrl: text("feed_url").notNull(),
  apiKeySealed: text("api_key_sealed").notNull(),
  publicKeyPem: text("public_key_pem").notNull(),
  /** The local bank pulled entries go into. */
  bankId: integer("bank_id").notNull(),
  trust: text("trust").$type<ExchangeTrust>().notNull().default("review"),
  /** The last cursor whose page verified and was applied; null: from the start. */
  cursor: text("cursor"),
  entriesApplied: bigint("entries_applied", { mode: "number" }).notNull().default(0),
  lastRunAt: at("last_run_at"),
  lastError: text("last_error"),
  createdAt: createdAt(),
});

export const exchangeIdentity = pgTable("exchange_identity", {
  id: integer("id").primaryKey(),
  privateKeySealed: text("private_key_sealed").notNull(),
  publicKeyPem: text("public_key_pem").notNull(),
  createdAt: createdAt(),
});
