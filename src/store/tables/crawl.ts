/**
 * The directory crawler's state (migration 0003-crawl): runs, their pages,
 * the invite links found with their liveness, and the liveness check log.
 */
import { sql } from "drizzle-orm";
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { at } from "./timestamps.js";

export const CRAWL_RUN_STATUSES = ["running", "finished"] as const;
export type CrawlRunStatus = (typeof CRAWL_RUN_STATUSES)[number];

export const CRAWL_PAGE_STATES = ["queued", "in_progress", "fetched", "refused"] as const;
export type CrawlPageState = (typeof CRAWL_PAGE_STATES)[number];

export const crawlRuns = pgTable(
  "crawl_runs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    source: text("source").notNull(),
    status: text("status").$type<CrawlRunStatus>().notNull().default("running"),
    stats: jsonb("stats").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    startedAt: at("started_at").notNull().defaultNow(),
    finishedAt: at("finished_at"),
  },
  (t) => [index("crawl_runs_source").on(t.source, t.startedAt)],
);

export const crawlPages = pgTable(
  "crawl_pages",
  {
    runId: bigint("run_id", { mode: "number" }).notNull(),
    url: text("url").notNull(),
    depth: integer("depth").notNull(),
    state: text("state").$type<CrawlPageState>().notNull().default("queued"),
    reason: text("reason"),
    httpStatus: integer("http_status"),
    message: text("message"),
    invites: integer("invites"),
    /** Queue order: pages are taken in the order they were found (breadth-first). */
    seq: bigserial("seq", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.url] })],
);

export const crawledLinks = pgTable(
  "crawled_links",
  {
    platform: text("platform").notNull(),
    code: text("code").notNull(),
    url: text("url").notNull(),
    source: text("source").notNull(),
    foundOn: text("found_on").notNull(),
    category: text("category"),
    title: text("title"),
    description: text("description"),
    firstSeenAt: at("first_seen_at").notNull().defaultNow(),
    lastSeenAt: at("last_seen_at").notNull().defaultNow(),
    lastRunId: bigint("last_run_id", { mode: "number" }),
    liveness: text("liveness").notNull().default("unchecked"),
    streak: integer("streak").notNull().default(0),
    checks: integer("checks").notNull().default(0),
    lastCheckedAt: at("last_checked_at"),
    nextCheckAt: at("next_check_at"),
    suspectedAt: at("suspected_at"),
    removedAt: at("removed_at"),
    actionedAt: at("actioned_at"),
  },
  (t) => [primaryKey({ columns: [t.platform, t.code] })],
);

export const linkChecks = pgTable("link_checks", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  platform: text("platform").notNull(),
  code: text("code").notNull(),
  observation: text("observation").notNull(),
  liveness: text("liveness").notNull(),
  note: text("note").notNull(),
  checkedAt: at("checked_at").notNull(),
});
