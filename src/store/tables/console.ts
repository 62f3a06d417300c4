/**
 * The console's settings and confirmations (migration 0009-console2): per
 * queue SLA and sort, the organisation's defaults, each user's wellness
 * preferences, and lead confirmations of large bulk decisions.
 */
import { boolean, integer, pgTable, text } from "drizzle-orm/pg-core";
import { at, createdAt } from "./timestamps.js";

/** How "Start reviewing" orders a queue: priority then age, or most-reported subject first. */
export const QUEUE_SORTS = ["priority", "reports"] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

export const queueSettings = pgTable("queue_settings", {
  queue: text("queue").primaryKey(),
  /** Seconds a case may wait before it breaches the SLA; null: the organisation's default. */
  slaSeconds: integer("sla_seconds"),
  sort: text("sort").$type<QueueSort>().notNull().default("priority"),
  updatedBy: text("updated_by"),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

export const consoleSettings = pgTable("console_settings", {
  id: boolean("id").primaryKey().default(true),
  blur: boolean("blur").notNull().default(true),
  grayscale: boolean("grayscale").notNull().default(true),
  defaultSlaSeconds: integer("default_sla_seconds").notNull().default(86400),
  bulkLeadConfirmAbove: integer("bulk_lead_confirm_above").notNull().default(100),
  updatedBy: text("updated_by"),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

export const userPreferences = pgTable("user_preferences", {
  userId: integer("user_id").primaryKey(),
  blur: boolean("blur"),
  grayscale: boolean("grayscale"),
  updatedAt: at("updated_at").notNull().defaultNow(),
});

export const bulkConfirmations = pgTable("bulk_confirmations", {
  id: text("id").primaryKey(),
  /** SHA-256 of the sorted case ids, actions and policy: the confirmation fits one batch only. */
  fingerprint: text("fingerprint").notNull(),
  caseCount: integer("case_count").notNull(),
  confirmedBy: text("confirmed_by").notNull(),
  createdAt: createdAt(),
  expiresAt: at("expires_at").notNull(),
  usedBy: text("used_by"),
  usedAt: at("used_at"),
});
