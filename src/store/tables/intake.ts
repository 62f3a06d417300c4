/**
 * What arrives: platform events (the unit of idempotency and of processing),
 * user and hotline reports, and the signals computed for each event.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { DecisionKind } from "../../domain/decisions.js";
import type { EventNote, EventType } from "../../domain/events.js";
import type { ReportSource } from "../../domain/report-reasons.js";
import type { SubjectType } from "../../domain/subjects.js";
import { at, createdAt } from "./timestamps.js";

export const EVENT_STATUSES = ["pending", "decided", "failed"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export { REPORT_SOURCES, type ReportSource } from "../../domain/report-reasons.js";

export const events = pgTable(
  "events",
  {
    /** Vigil's arrival order; processing and recovery go by it. */
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    platform: text("platform").notNull(),
    /** The client's `id`: its idempotency key, unique per platform. */
    clientId: text("client_id").notNull(),
    type: text("type").$type<EventType>().notNull(),
    occurredAt: at("occurred_at").notNull(),
    receivedAt: at("received_at").notNull().defaultNow(),
    subjectType: text("subject_type").$type<SubjectType>().notNull(),
    subjectId: text("subject_id").notNull(),
    /** The event as accepted (validated, normalised). */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status").$type<EventStatus>().notNull().default("pending"),
    decision: text("decision").$type<DecisionKind>(),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    /** What processing could not do (a photo URL refused or unfetchable), domain/events.ts EventNote. */
    notes: jsonb("notes").$type<EventNote[]>(),
    decidedAt: at("decided_at"),
  },
  (t) => [
    uniqueIndex("events_platform_client_id").on(t.platform, t.clientId),
    index("events_pending").on(t.seq).where(sql`status = 'pending'`),
    index("events_subject_notes")
      .on(t.platform, t.subjectType, t.subjectId, t.seq)
      .where(sql`notes IS NOT NULL`),
  ],
);

export const reports = pgTable("reports", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  /** Public id (`r_…`), also the client id of the event that carries it through the pipeline. */
  publicId: text("public_id").notNull().unique(),
  platform: text("platform").notNull(),
  source: text("source").$type<ReportSource>().notNull(),
  reporter: jsonb("reporter").$type<Record<string, unknown>>(),
  subjectType: text("subject_type").$type<SubjectType>().notNull(),
  subjectId: text("subject_id").notNull(),
  reason: text("reason").notNull(),
  text: text("text"),
  language: text("language"),
  attachments: jsonb("attachments").$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  eventSeq: bigint("event_seq", { mode: "number" }),
  createdAt: createdAt(),
});

export const signals = pgTable(
  "signals",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    eventSeq: bigint("event_seq", { mode: "number" }).notNull(),
    subjectType: text("subject_type").$type<SubjectType>().notNull(),
    subjectId: text("subject_id").notNull(),
    kind: text("kind").notNull(),
    score: real("score"),
    /** The Signal as the signal module produced it (src/domain/signals.ts). */
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("signals_event").on(t.eventSeq), index("signals_subject").on(t.subjectType, t.subjectId)],
);
