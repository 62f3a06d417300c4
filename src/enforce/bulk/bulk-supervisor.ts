/**
 * Drives batches that have work: queues an executing batch's actions into the outbox chunk by
 * chunk (the dispatcher delivers them; nothing here calls a webhook), queues a reversing batch's
 * reversals as its actions are acknowledged, and settles each batch's status from the outbox's
 * counts. It keeps no state of its own: a process that dies mid-batch leaves a cursor and the
 * unique keys behind, and the next `runOnce` (here or in another worker) continues from there.
 */

import { ACTIVE_BULK_STATUSES } from "../../domain/bulk-status.js";
import type { BulkOutboxRepository, BulkProgress } from "../../store/repositories/bulk-outbox-repository.js";
import type { BulkBatchRow, BulkRepository } from "../../store/repositories/bulk-repository.js";
import type { EnforceLogger } from "../logger.js";
import { describeError } from "../webhook-transport.js";

export interface BulkSupervisorOptions {
  batches: BulkRepository;
  outbox: BulkOutboxRepository;
  log: EnforceLogger;
  /** Called after each committed chunk, so the dispatcher starts at once (its `wake`). */
  onQueued: () => void;
  /** Targets per enqueue transaction (default 2,000). */
  chunkSize?: number;
  /** How often active batches are looked at when not woken (default 1 s). */
  pollIntervalMs?: number;
  /** Attempts after which an undelivered action counts as failed for the batch's status (default 10). */
  failingAfterAttempts?: number;
}

/** What settling concluded from the counts; pure so its table is tested on its own. */
export type BulkSettlement = "all_delivered" | "some_failing" | "all_reversed" | null;

export function settle(
  status: BulkBatchRow["status"],
  enqueueComplete: boolean,
  p: BulkProgress,
): BulkSettlement {
  const e = p.execution;
  const undelivered = e.enqueued - e.delivered;
  if (status === "executing" || status === "partially_failed") {
    if (!enqueueComplete) return null;
    if (undelivered === 0) return "all_delivered";
    if (status === "executing" && e.failedHard > 0 && e.failedHard === undelivered) return "some_failing";
    return null;
  }
  if (status === "reversing") {
    const r = p.reversal;
    return undelivered === 0 && r.enqueued === p.reversible && r.delivered === r.enqueued
      ? "all_reversed"
      : null;
  }
  return null;
}

export class BulkSupervisor {
  readonly #o: Required<Omit<BulkSupervisorOptions, "batches" | "outbox" | "log" | "onQueued">> &
    BulkSupervisorOptions;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #started = false;

  constructor(options: BulkSupervisorOptions) {
    this.#o = { chunkSize: 2_000, pollIntervalMs: 1_000, failingAfterAttempts: 10, ...options };
  }

  start(): void {
    this.#started = true;
    this.wake();
  }

  /** Look at active batches now (after execute or reverse is requested). */
  wake(): void {
    if (!this.#started) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#running = this.runOnce()
      .catch((error: unknown) =>
        this.#o.log.error({ error: describeError(error) }, "bulk supervisor pass failed"),
      )
      .finally(() => {
        this.#running = null;
        if (!this.#started) return;
        if (this.#again) {
          this.#again = false;
          this.wake();
        } else this.#timer = setTimeout(() => this.wake(), this.#o.pollIntervalMs);
      });
  }

  async stop(): Promise<void> {
    this.#started = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** One pass over every active batch; for tests and one-shot commands as well. */
  async runOnce(): Promise<void> {
    for (const batch of await this.#o.batches.withStatus(ACTIVE_BULK_STATUSES)) await this.advance(batch);
  }

  async advance(batch: BulkBatchRow): Promise<void> {
    let enqueueComplete = batch.enqueuedAt !== null;
    if (batch.status === "executing" && !enqueueComplete) {
      for (;;) {
        const chunk = await this.#o.outbox.enqueueChunk(batch.id, this.#o.chunkSize);
        if (chunk.inserted > 0) this.#o.onQueued();
        if (chunk.complete) break;
      }
      enqueueComplete = true;
      this.#o.log.info({ batchId: batch.id }, "bulk batch queued in the outbox");
    }
    if (batch.status === "reversing") {
      const actor = batch.reversedBy ?? batch.requestedBy;
      for (;;) {
        const queued = await this.#o.outbox.enqueueReversalChunk(batch, actor, this.#o.chunkSize);
        if (queued === 0) break;
        this.#o.onQueued();
      }
    }
    const progress = await this.#o.outbox.progress(batch.id, this.#o.failingAfterAttempts);
    const outcome = settle(batch.status, enqueueComplete, progress);
    if (!outcome) return;
    const now = new Date();
    const moved = await this.#o.batches.transition(
      batch.id,
      outcome,
      outcome === "all_reversed" ? { reversedAt: now } : { finishedAt: now },
    );
    if (moved) this.#o.log.info({ batchId: batch.id, status: moved.status }, "bulk batch settled");
  }
}
