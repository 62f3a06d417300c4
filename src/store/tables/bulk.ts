/** Bulk enforcement batches (issue 10): the batch, its targets, and who confirmed it. See migrations/0007-bulk.ts. */
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { BulkAction, BulkSourceRef, BulkStatus, BulkSubjectKind } from "../../domain/bulk.js";
import type { UserRole } from "./access.js";
import { at, createdAt } from "./timestamps.js";

export const bulkBatches = pgTable(
  "bulk_batches",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    platform: text("platform").notNull(),
    reason: text("reason").notNull(),
    /** `user:<email>` of the person who made the batch; they can never confirm it. */
    requestedBy: text("requested_by").notNull(),
    requestedRole: text("requested_role").$type<UserRole>().notNull(),
    status: text("status").$type<BulkStatus>().notNull().default("draft"),
    source: jsonb("source").$type<BulkSourceRef>().notNull(),
    targetCount: integer("target_count").notNull().default(0),
    /** Fixed when sealed (bulk-thresholds.ts). */
    confirmationsRequired: integer("confirmations_required").notNull().default(0),
    /** The last target id whose action is in the outbox: where a resumed execution continues. */
    enqueuedThrough: bigint("enqueued_through", { mode: "number" }).notNull().default(0),
    enqueuedAt: at("enqueued_at"),
    /** Actions this batch put in the outbox, counted in the inserting transactions (progress reads only pending rows). */
    enqueuedCount: integer("enqueued_count").notNull().default(0),
    reversalsEnqueued: integer("reversals_enqueued").notNull().default(0),
    executedBy: text("executed_by"),
    executedAt: at("executed_at"),
    finishedAt: at("finished_at"),
    reversedBy: text("reversed_by"),
    reversalReason: text("reversal_reason"),
    reversalStartedAt: at("reversal_started_at"),
    reversedAt: at("reversed_at"),
    createdAt: createdAt(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [index("bulk_batches_status").on(t.status)],
);

export const bulkBatchTargets = pgTable(
  "bulk_batch_targets",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    batchId: bigint("batch_id", { mode: "number" }).notNull(),
    subjectType: text("subject_type").$type<BulkSubjectKind>().notNull(),
    subjectId: text("subject_id").notNull(),
    action: text("action").$type<BulkAction>().notNull(),
    evidence: jsonb("evidence").$type<string[]>().notNull(),
  },
  (t) => [
    uniqueIndex("bulk_batch_targets_one").on(t.batchId, t.action, t.subjectType, t.subjectId),
    index("bulk_batch_targets_order").on(t.batchId, t.id),
  ],
);

export const bulkBatchConfirmations = pgTable(
  "bulk_batch_confirmations",
  {
    id: serial("id").primaryKey(),
    batchId: bigint("batch_id", { mode: "number" }).notNull(),
    confirmedBy: text("confirmed_by").notNull(),
    role: text("role").$type<UserRole>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("bulk_batch_confirmations_one_per_person").on(t.batchId, t.confirmedBy)],
);
