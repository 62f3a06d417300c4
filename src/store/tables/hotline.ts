/**
 * Hotline calls (migration 0020): one row per call an analyst filed, named by
 * the reference read back to the caller; the caller's contact sealed; the
 * links and numbers given as search keys; the reports filed.
 */
import { bigint, bigserial, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt } from "./timestamps.js";

export const referenceCounters = pgTable(
  "reference_counters",
  {
    series: text("series").notNull(),
    year: integer("year").notNull(),
    last: bigint("last", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.series, t.year] })],
);

export const hotlineIntakes = pgTable("hotline_intakes", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  /** `HL-2026-000123`. */
  reference: text("reference").notNull().unique(),
  recordedBy: text("recorded_by").notNull(),
  reason: text("reason").notNull(),
  /** `{"name","contact"}` sealed with the data key (store/field-cipher.ts); read only through an audited route. */
  callerSealed: text("caller_sealed"),
  createdAt: createdAt(),
});

export const HOTLINE_KEY_KINDS = ["phone", "invite_link"] as const;
export type HotlineKeyKind = (typeof HOTLINE_KEY_KINDS)[number];

export const hotlineIntakeKeys = pgTable(
  "hotline_intake_keys",
  {
    intakeId: bigint("intake_id", { mode: "number" }).notNull(),
    kind: text("kind").$type<HotlineKeyKind>().notNull(),
    /** A phone number's keyed hash, or `<platform>:<code>` of an invite link. */
    key: text("key").notNull(),
  },
  (t) => [primaryKey({ columns: [t.intakeId, t.kind, t.key] })],
);

export const hotlineIntakeReports = pgTable(
  "hotline_intake_reports",
  {
    intakeId: bigint("intake_id", { mode: "number" }).notNull(),
    reportPublicId: text("report_public_id").notNull(),
    platform: text("platform").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.intakeId, t.reportPublicId] })],
);
