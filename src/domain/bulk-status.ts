/**
 * A bulk enforcement batch's lifecycle as data (STYLE: pure, table-driven state machines).
 *
 *   draft ──seal──► awaiting_confirmation ──confirmed──► confirmed ──execute──► executing
 *     └─────seal_unconfirmed (small batch)──────────────────┘                      │
 *   executing ──all_delivered──► done       executing ──some_failing──► partially_failed
 *   partially_failed ──all_delivered──► done (deliveries are retried until acknowledged)
 *   done | partially_failed ──reverse──► reversing ──all_reversed──► reversed
 *
 * Invariants: nothing is enqueued before `executing`; a batch is reversed only once it has
 * stopped enqueueing; `reversed` is final. Which event applies is decided by the callers
 * (thresholds, delivery counts); this table only says what each event may do.
 */
import type { BulkStatus } from "./bulk.js";

export { BULK_STATUSES, type BulkStatus } from "./bulk.js";

export const BULK_EVENTS = [
  "seal",
  "seal_unconfirmed",
  "confirmed",
  "execute",
  "all_delivered",
  "some_failing",
  "reverse",
  "all_reversed",
] as const;
export type BulkEvent = (typeof BULK_EVENTS)[number];

const TRANSITIONS: Record<BulkStatus, Partial<Record<BulkEvent, BulkStatus>>> = {
  draft: { seal: "awaiting_confirmation", seal_unconfirmed: "confirmed" },
  awaiting_confirmation: { confirmed: "confirmed" },
  confirmed: { execute: "executing" },
  executing: { all_delivered: "done", some_failing: "partially_failed" },
  partially_failed: { all_delivered: "done", reverse: "reversing" },
  done: { reverse: "reversing" },
  reversing: { all_reversed: "reversed" },
  reversed: {},
};

export type BulkTransition = { ok: true; to: BulkStatus } | { ok: false; from: BulkStatus; event: BulkEvent };

export function nextBulkStatus(from: BulkStatus, event: BulkEvent): BulkTransition {
  const to = TRANSITIONS[from][event];
  return to ? { ok: true, to } : { ok: false, from, event };
}

/** Statuses in which the supervisor has work: enqueueing, watching delivery, reversing. */
export const ACTIVE_BULK_STATUSES: readonly BulkStatus[] = ["executing", "partially_failed", "reversing"];
