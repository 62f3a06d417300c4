/**
 * The matching index the pipeline uses, a replica kept current from the bank
 * change log (store migration 0008-scale): every process loads the whole index
 * once, remembering the log position it loaded at, then applies later changes
 * in seq order, incrementally: an added entry is indexed, an ignore flips the
 * entry's flag in place. Changes are picked up by a short poll of the log
 * (one indexed range read) and at once when this process wrote them
 * (`refresh()`, called by the bank routes: the in-process notification).
 *
 * A full reload (in the background; matching never waits, a batch sees the
 * old or the new index) is the fallback when incremental application cannot
 * be trusted:
 *  - removals and bank changes (enable, disable, drop): rare, and the index
 *    has no removal;
 *  - a large backlog (a bulk import): one build beats many single inserts;
 *  - a gap in the log's seqs that lasts GAP_GRACE_MS: a seq is allocated
 *    before its transaction commits, so a hole is first a write still in
 *    flight and, if it stays, a rolled-back one; waiting keeps a late commit
 *    from being skipped.
 */
import { BankMatcher } from "../matching/bank-matcher.js";
import type { BankChange, BankChangeRepository } from "../store/repositories/bank-change-repository.js";
import type { BankRepository } from "../store/repositories/bank-repository.js";

/** More pending changes than this: reload whole instead. */
export const INCREMENTAL_LIMIT = 20_000;
const GAP_GRACE_MS = 10_000;

export type SyncOutcome = "unchanged" | "applied" | "reloaded" | "waiting";

export class LiveBankMatcher {
  private current = new BankMatcher();
  /** Log position the index reflects; null before the first load. */
  private position: number | null = null;
  private gapSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Syncs run one after another, so a refresh asked for after a change always sees it. */
  private chain: Promise<unknown> = Promise.resolve();
  readonly stats = { applied: 0, reloads: 0 };

  constructor(
    private readonly banks: BankRepository,
    private readonly changes: BankChangeRepository,
    private readonly log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void },
    private readonly now: () => number = Date.now,
  ) {}

  get(): BankMatcher {
    return this.current;
  }

  /** The change log position the index reflects (0 before any change). */
  get appliedSeq(): number {
    return this.position ?? 0;
  }

  /** Applies what changed since the last sync; true when the index changed. */
  refresh(): Promise<boolean> {
    return this.sync().then((outcome) => outcome === "applied" || outcome === "reloaded");
  }

  sync(): Promise<SyncOutcome> {
    const next = this.chain.then(
      () => this.step(),
      () => this.step(),
    );
    this.chain = next;
    return next;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.sync().catch((error: unknown) => this.log.error({ err: error }, "bank index sync failed"));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async step(): Promise<SyncOutcome> {
    if (this.position === null) return this.reload("first load");
    const pending = await this.changes.since(this.position, INCREMENTAL_LIMIT + 1);
    if (pending.length === 0) return "unchanged";
    if (pending.length > INCREMENTAL_LIMIT) return this.reload(`${pending.length}+ changes pending`);
    let applied = 0;
    for (const change of pending) {
      if (change.seq !== this.position + 1) {
        this.gapSince ??= this.now();
        if (this.now() - this.gapSince < GAP_GRACE_MS) break;
        return this.reload(`seq ${this.position + 1} missing from the change log`);
      }
      if (!this.apply(change)) return this.reload(`${change.op} of bank ${change.bankId}`);
      this.position = change.seq;
      this.gapSince = null;
      applied++;
    }
    this.stats.applied += applied;
    return applied > 0 ? "applied" : "waiting";
  }

  /** False when the change needs a full reload. */
  private apply(change: BankChange): boolean {
    const index = this.current;
    switch (change.op) {
      case "add": {
        // Gone since (deleted later; its removal follows in the log), in a disabled bank, or already loaded.
        if (!change.entry || change.entryId === null || !change.bankEnabled) return true;
        if (index.describeEntry(change.entryId)) return true;
        const info = { bank: change.bankName ?? "", ...change.entry };
        if (info.signalType === "vpdq") index.addVideo(change.entryId, info, change.entry.payload ?? "");
        else index.add(change.entryId, info);
        return true;
      }
      case "ignore":
      case "unignore":
        if (change.entryId !== null) index.setIgnored(change.entryId, change.op === "ignore");
        return true;
      case "remove":
      case "bank":
        return false;
    }
  }

  private async reload(reason: string): Promise<SyncOutcome> {
    const started = this.now();
    // Read the position first: changes committed during the load are applied again afterwards (adds are idempotent).
    const position = await this.changes.latestSeq();
    const next = await BankMatcher.load(this.banks, null);
    this.current = next;
    this.position = position;
    this.gapSince = null;
    this.stats.reloads++;
    this.log.info(
      { entries: next.size, ms: this.now() - started, reason, seq: position },
      "hash index loaded",
    );
    return "reloaded";
  }
}
