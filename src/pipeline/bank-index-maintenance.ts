/**
 * The bank stream's leased background job (one process at a time): every
 * tick it sweeps the change log onto the stream (changes whose fast-path
 * publish never happened); every snapshot interval it writes this process's
 * index as the newest snapshot and prunes the log below it.
 *
 * Pruning keeps every change the newest snapshot does not cover (seq at or
 * above its seq) and every change younger than the retention, so a replica
 * a little behind still catches up from the log; one further behind than the
 * oldest kept change reloads (LiveBankMatcher).
 */
import { encodeBankIndex } from "../matching/bank-index-snapshot.js";
import type { BankChangeRepository } from "../store/repositories/bank-change-repository.js";
import type { BankChangeRelay } from "./bank-change-relay.js";
import type { IndexSnapshotStore } from "./index-snapshot-store.js";
import type { LiveBankMatcher } from "./live-bank-matcher.js";
import type { SingleLease } from "./single-lease.js";

export interface BankIndexMaintenanceOptions {
  sweepMs: number;
  snapshotMs: number;
  /** Changes younger than this are kept whatever the snapshot covers. */
  retentionMs: number;
  now?: () => number;
}

interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export class BankIndexMaintenance {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private lastSnapshotAt: number | null = null;
  readonly stats = { sweeps: 0, snapshots: 0, pruned: 0 };

  constructor(
    private readonly lease: SingleLease,
    private readonly relay: BankChangeRelay,
    private readonly matcher: LiveBankMatcher,
    private readonly snapshots: IndexSnapshotStore,
    private readonly changes: BankChangeRepository,
    private readonly log: Log,
    private readonly options: BankIndexMaintenanceOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.options.sweepMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    await this.lease.close();
  }

  /** One round; a round still running is not overlapped. */
  tick(): Promise<void> {
    this.running ??= this.round()
      .catch((error: unknown) => this.log.error({ err: error }, "bank stream maintenance failed"))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private async round(): Promise<void> {
    if (!(await this.lease.hold())) return;
    const swept = await this.relay.publishPending();
    this.stats.sweeps++;
    if (swept.length > 0) this.log.info({ changes: swept.length }, "relay sweep published bank changes");
    const now = this.now();
    if (this.lastSnapshotAt === null) {
      // A process just started has nothing newer than a stored snapshot; with none stored, write one now.
      this.lastSnapshotAt = now;
      if (await this.snapshots.info()) return;
    } else if (now - this.lastSnapshotAt < this.options.snapshotMs) return;
    this.lastSnapshotAt = now;
    await this.snapshotAndPrune();
  }

  /** Writes the snapshot when it would be newer than the stored one, then prunes; also for tests and operators. */
  async snapshotAndPrune(): Promise<{ seq: number; written: boolean; pruned: number } | null> {
    const stored = await this.snapshots.info();
    const storedSeq = stored && Number.isSafeInteger(stored.seq) ? stored.seq : -1;
    let newest = storedSeq;
    let written = false;
    if (this.matcher.lastLoad && this.matcher.appliedSeq > storedSeq) {
      const started = this.now();
      const encoded = await this.matcher.withIndex((index, seq) =>
        seq === null ? null : encodeBankIndex(index, seq),
      );
      if (encoded && encoded.seq > storedSeq) {
        await this.snapshots.write(encoded);
        newest = encoded.seq;
        written = true;
        this.stats.snapshots++;
        this.log.info(
          { seq: encoded.seq, bytes: encoded.bytes, ms: this.now() - started },
          "hash index snapshot written",
        );
      }
    }
    if (newest < 0) return null;
    const pruned = await this.changes.prune(newest, new Date(this.now() - this.options.retentionMs));
    this.stats.pruned += pruned;
    if (pruned > 0) this.log.info({ pruned, belowSeq: newest }, "bank change log pruned");
    return { seq: newest, written, pruned };
  }
}
