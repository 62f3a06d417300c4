/**
 * One process at a time for a background job, over the partition lease
 * machinery (a PostgreSQL session advisory lock on a connection of its own,
 * or LocalPartitionLeases in one process): the job's single "partition" is
 * held until the holder's session ends, so a dead holder's job moves to
 * another process as soon as PostgreSQL sees the connection close.
 */
import type { PartitionLeases } from "./partition-leases.js";

export class SingleLease {
  private held = false;
  private joined = false;

  constructor(private readonly leases: PartitionLeases) {}

  /** True while this process holds the lease (taking it when free). */
  async hold(): Promise<boolean> {
    if (!this.joined || !this.leases.healthy) {
      // A broken session lost its locks with it.
      this.held = false;
      await this.leases.join();
      this.joined = true;
    }
    if (!this.held) this.held = await this.leases.tryAcquire(0);
    return this.held;
  }

  async close(): Promise<void> {
    this.held = false;
    this.joined = false;
    await this.leases.close();
  }
}
