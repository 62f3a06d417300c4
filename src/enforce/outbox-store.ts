/**
 * What the dispatcher needs from the outbox table. The rows are written by the decision's
 * transaction (so nothing is sent before it commits); the store hands them out and records
 * each attempt. Implemented over SQL by `src/store`, in memory by the tests.
 */
import type { DeliveredAck, OutboxDelivery } from "../domain/actions.js";

export type { DeliveredAck, OutboxDelivery };

export interface OutboxStore {
  /**
   * Atomically leases up to `limit` undelivered rows whose next attempt is due at `now` and
   * whose lease (if any) has ended, for `leaseMs` (a `lease_until` column, or moving the next
   * attempt to `now + leaseMs`), and returns them. A process that dies mid-delivery thus
   * releases its rows when the lease ends. Concurrent claimers must never receive the same
   * row (SQL: `FOR UPDATE SKIP LOCKED`).
   */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<OutboxDelivery[]>;
  /** The receiver answered 2xx on attempt number `attempts`. Final: later marks must not undo it. */
  markDelivered(id: number, at: Date, attempts: number, status: number): Promise<void>;
  /**
   * Optional: several acknowledgements in one statement (the dispatcher's `ackBatchMs`), so a
   * large batch costs one commit per few hundred deliveries instead of one each.
   */
  markDeliveredMany?(acks: readonly DeliveredAck[]): Promise<void>;
  /**
   * Attempt number `attempts` failed: store the error (and HTTP status, null when there was no
   * response) for operators and schedule the retry. Ignored for a row already delivered.
   */
  markFailed(
    id: number,
    attempts: number,
    nextAttemptAt: Date,
    error: string,
    status: number | null,
  ): Promise<void>;
}
