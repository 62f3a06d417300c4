/**
 * The crawl scheduler's lease and the crawler's submission outbox (migration
 * 0010-crawl-schedule).
 */
import { sql } from "drizzle-orm";
import { integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { at } from "./timestamps.js";

export const CRAWL_SUBMISSION_KINDS = ["discovered", "revoked"] as const;
export type CrawlSubmissionKind = (typeof CRAWL_SUBMISSION_KINDS)[number];

export const crawlLeases = pgTable("crawl_leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: at("expires_at").notNull(),
  acquiredAt: at("acquired_at").notNull().defaultNow(),
  lastTickAt: at("last_tick_at"),
  lastTick: jsonb("last_tick").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
});

export const crawlSubmissions = pgTable(
  "crawl_submissions",
  {
    platform: text("platform").notNull(),
    code: text("code").notNull(),
    kind: text("kind").$type<CrawlSubmissionKind>().notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: at("next_attempt_at").notNull().defaultNow(),
    lastError: text("last_error"),
    eventId: text("event_id"),
    createdAt: at("created_at").notNull().defaultNow(),
    submittedAt: at("submitted_at"),
  },
  (t) => [primaryKey({ columns: [t.platform, t.code, t.kind] })],
);
