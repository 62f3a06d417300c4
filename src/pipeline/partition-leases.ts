/**
 * Who consumes which partition. A worker is a member while it lives and holds
 * a lease per partition it consumes; a lease ends when the worker hands it
 * back or dies (the PostgreSQL implementation uses session advisory locks,
 * which the server drops with the connection: see
 * store/repositories/partition-lease-repository.ts).
 */
export interface PartitionLeases {
  /** Becomes a member (counted by `members`). */
  join(): Promise<void>;
  /** Live members, this one included. */
  members(): Promise<number>;
  /** True when this worker now holds the partition (it may already have). */
  tryAcquire(partition: number): Promise<boolean>;
  release(partition: number): Promise<void>;
  /** False once the leases may have been lost (connection gone): stop consuming and join again. */
  readonly healthy: boolean;
  close(): Promise<void>;
}

/** One process holding everything: the embedded database with JetStream, or tests. */
export class LocalPartitionLeases implements PartitionLeases {
  readonly healthy = true;
  async join(): Promise<void> {}
  async members(): Promise<number> {
    return 1;
  }
  async tryAcquire(): Promise<boolean> {
    return true;
  }
  async release(): Promise<void> {}
  async close(): Promise<void> {}
}
