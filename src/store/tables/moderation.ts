/**
 * Decisions and their consequences: cases in review queues, the append-only
 * moderation log (a case's status is derived from it), the outbox of actions
 * for the platform's webhook, and the versioned rules.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { ActionKind } from "../../domain/actions.js";
import type { CaseStatus, ModerationEventKind } from "../../domain/case-status.js";
import type { RuleMode } from "../../domain/decisions.js";
import type { SubjectType } from "../../domain/subjects.js";
import { at, createdAt } from "./timestamps.js";

export {
  CASE_STATUSES,
  type CaseStatus,
  MODERATION_EVENT_KINDS,
  type ModerationEventKind,
} from "../../domain/case-status.js";

export const ACTION_STATUSES = ["pending", "delivered"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const cases = pgTable(
  "cases",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    platform: text("platform").notNull(),
    subjectType: text("subject_type").$type<SubjectType>().notNull(),
    subjectId: text("subject_id").notNull(),
    queue: text("queue").notNull(),
    priority: integer("priority").notNull(),
    /** Projection of the case's moderation events (see review/case-status.ts), kept in the same transaction. */
    status: text("status").$type<CaseStatus>().notNull().default("open"),
    claimedBy: text("claimed_by"),
    /** When a console claim lapses and the case may be handed to someone else; null: held until released. */
    claimExpiresAt: at("claim_expires_at"),
    /** Migration 0019: the colleague the case is assigned to (`user:<email>`), a projection of its `assign` log entries. */
    assignedTo: text("assigned_to"),
    createdAt: createdAt(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    // One open case per subject and queue: new evidence joins it (enforced here, not checked then inserted).
    uniqueIndex("cases_open_subject_queue")
      .on(t.platform, t.subjectType, t.subjectId, t.queue)
      .where(sql`status <> 'closed'`),
    index("cases_queue_status_priority").on(t.queue, t.status, t.priority),
  ],
);

export const moderationEvents = pgTable(
  "moderation_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    caseId: bigint("case_id", { mode: "number" }),
    eventSeq: bigint("event_seq", { mode: "number" }),
    platform: text("platform").notNull(),
    subjectType: text("subject_type").$type<SubjectType>().notNull(),
    subjectId: text("subject_id").notNull(),
    kind: text("kind").$type<ModerationEventKind>().notNull(),
    /** `rule:<name>@<version>`, `key:<api key name>`, `user:<email>` or `system`. */
    actor: text("actor").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
  },
  (t) => [
    // An event is decided once: a second decision for it cannot be written.
    uniqueIndex("moderation_events_one_decision").on(t.eventSeq).where(sql`kind = 'decide'`),
    index("moderation_events_case").on(t.caseId),
    index("moderation_events_subject").on(t.subjectType, t.subjectId),
  ],
);

/** The transactional outbox: written with the decision, delivered after commit. */
export const actions = pgTable(
  "actions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    publicId: text("public_id").notNull().unique(),
    platform: text("platform").notNull(),
    action: text("action").$type<ActionKind>().notNull(),
    subjectType: text("subject_type").$type<SubjectType>().notNull(),
    subjectId: text("subject_id").notNull(),
    caseId: bigint("case_id", { mode: "number" }),
    eventSeq: bigint("event_seq", { mode: "number" }),
    reason: text("reason").notNull(),
    /** Sent with every attempt; also what makes a re-run decision unable to queue the action twice. */
    idempotencyKey: text("idempotency_key").notNull().unique(),
    status: text("status").$type<ActionStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: at("next_attempt_at").notNull().defaultNow(),
    leaseUntil: at("lease_until"),
    lastError: text("last_error"),
    lastStatus: integer("last_status"),
    createdAt: createdAt(),
    deliveredAt: at("delivered_at"),
    /** The bulk batch that queued this action (0007-bulk); null for decisions on single cases or events. */
    batchId: bigint("batch_id", { mode: "number" }),
    /** For a reversal queued by a batch's reversal: the action it undoes (unique: one reversal each). */
    reversesActionId: bigint("reverses_action_id", { mode: "number" }),
  },
  (t) => [index("actions_due").on(t.nextAttemptAt).where(sql`status = 'pending'`)],
);

export const rules = pgTable(
  "rules",
  {
    id: serial("id").primaryKey(),
    name: text("name").notNull(),
    version: integer("version").notNull(),
    mode: text("mode").$type<RuleMode>().notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** The rule as written in its file (rules/README.md describes the language). */
    definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("rules_name_version").on(t.name, t.version)],
);
