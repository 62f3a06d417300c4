/**
 * The database schema as drizzle tables: the only description of the tables that
 * code reads, one file per part of the domain under tables/. Migrations
 * (migrations/) create exactly these; test/store/schema-agreement.test.ts
 * checks that the two agree column by column.
 */
export * from "./tables/access.js";
export * from "./tables/bank-changes.js";
export * from "./tables/bank-imports.js";
export * from "./tables/banks.js";
export * from "./tables/bulk.js";
export * from "./tables/console.js";
export * from "./tables/crawl.js";
export * from "./tables/crawl-schedule.js";
export * from "./tables/cybertip.js";
export * from "./tables/evidence.js";
export * from "./tables/exchange.js";
export * from "./tables/expansion.js";
export * from "./tables/hotline.js";
export * from "./tables/intake.js";
export * from "./tables/moderation.js";
export * from "./tables/subjects.js";
