/**
 * The queue between intake and processing. Intake publishes the seqs of events
 * it has committed; a consumer processes them in batches. The embedded mode
 * uses InProcessQueue; the scale-out issue implements this on NATS JetStream.
 * The database, not the queue, is the source of truth: an event is pending
 * until its decision commits, so a queue that loses messages in a crash is
 * refilled from the pending events at start (see recoverPending).
 */
export type BatchHandler = (seqs: number[]) => Promise<void>;

export interface EventQueue {
  /**
   * `partitionKeys[i]` names the subject of `seqs[i]` (partitions.ts
   * partitionKey): queues that partition keep one subject's events in order.
   */
  publish(seqs: number[], partitionKeys?: readonly string[]): void;
  /** Starts delivering batches (at most `maxBatch` seqs) to the handler, one batch at a time. */
  consume(handler: BatchHandler, maxBatch: number): void;
  /** Seqs published and not yet handled. */
  readonly depth: number;
  /** Resolves when everything published so far has been handled. */
  drained(): Promise<void>;
  /** Stops taking batches; resolves when the batch in hand is done. */
  close(): Promise<void>;
}
