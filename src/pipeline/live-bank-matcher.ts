/**
 * The matching index the pipeline uses, a replica kept current from the bank
 * change log (store migration 0008-scale): every process loads the whole index
 * once, remembering the log position it loaded at, then applies later changes
 * in seq order, incrementally: an added entry is indexed, an ignore flips the
 * entry's flag in place. Changes are picked up by a short poll of the log
 * (one indexed range read) and at once when this process wrote them
 * (`refresh()`, called by the bank routes: the in-process notification).
 *
 * Fed mode (with JetStream, server-bank-stream.ts): changes arrive as stream
 * messages through `offer()`, in any order, and are applied in seq order from
 * a buffer; the log is read only to fill a gap that lasts, after a failed
 * publish of this process's own changes, or when a slow tail check finds the
 * log ahead of the index. The first load may come from a snapshot.
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
/** Fed mode: how often the log's newest seq is compared with the index's (a lost message with nothing after it). */
const TAIL_CHECK_MS = 30_000;

export type SyncOutcome = "unchanged" | "applied" | "reloaded" | "waiting";
/** How a change reached the index: a stream message, this process's own publish, or a read of the log. */
export type ChangeVia = "stream" | "local" | "log";

export interface IndexLoad {
  source: "snapshot" | "database";
  ms: number;
  seq: number;
  entries: number;
  reason: string;
}

export interface LiveBankMatcherOptions {
  /** Changes arrive through offer(); the log is read only to fill what the stream missed. */
  fed?: boolean;
  /** Tried on the first load, before the database; null when there is no usable snapshot. */
  loadSnapshot?: () => Promise<{ matcher: BankMatcher; seq: number } | null>;
  /** Publishes what this process committed (the relay's fast path), returning those changes. */
  publishOwn?: () => Promise<BankChange[]>;
}

export class LiveBankMatcher {
  private current = new BankMatcher();
  /** Log position the index reflects; null before the first load. */
  private position: number | null = null;
  private gapSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Syncs run one after another, so a refresh asked for after a change always sees it. */
  private chain: Promise<unknown> = Promise.resolve();
  /** Applied changes by how they arrived (applied is their sum). */
  readonly stats = { applied: 0, reloads: 0, stream: 0, local: 0, log: 0 };
  /** How the index was last loaded whole, and how long it took. */
  lastLoad: IndexLoad | null = null;
  /** Fed mode: changes offered and not yet applied, by seq. */
  private readonly buffer = new Map<number, { change: BankChange; via: ChangeVia }>();
  private readLogNext = false;
  private lastTailCheck = 0;
  private syncQueued = false;

  constructor(
    private readonly banks: BankRepository,
    private readonly changes: BankChangeRepository,
    private readonly log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void },
    private readonly now: () => number = Date.now,
    private readonly options: LiveBankMatcherOptions = {},
  ) {}

  get(): BankMatcher {
    return this.current;
  }

  /** The change log position the index reflects (0 before any change). */
  get appliedSeq(): number {
    return this.position ?? 0;
  }

  /** Applies what changed since the last sync; true when the index changed. */
  async refresh(): Promise<boolean> {
    if (this.options.publishOwn) {
      try {
        this.offer(await this.options.publishOwn(), "local");
      } catch (error) {
        // The relay's sweep publishes it later; this process reads its own change from the log now.
        this.log.error({ err: error }, "publishing bank changes failed; the relay sweep retries");
        this.readLogNext = true;
      }
      // A change of another process not yet delivered sits before ours: read the log rather than wait.
      if (this.buffer.size > 0 && !this.buffer.has(this.appliedSeq + 1)) this.readLogNext = true;
    }
    const outcome = await this.sync();
    return outcome === "applied" || outcome === "reloaded";
  }

  /** Fed mode: changes from the stream (or this process's publish), applied in seq order by a sync soon. */
  offer(changes: readonly BankChange[], via: ChangeVia): void {
    for (const change of changes) {
      // Too big for a message: the log has it.
      if (change.entryOmitted) this.readLogNext = true;
      else if (change.seq > this.appliedSeq && !this.buffer.has(change.seq))
        this.buffer.set(change.seq, { change, via });
    }
    if (changes.length === 0 || this.syncQueued) return;
    this.syncQueued = true;
    setImmediate(() => {
      this.syncQueued = false;
      this.sync().catch((error: unknown) => this.log.error({ err: error }, "bank index sync failed"));
    });
  }

  /** Runs `read` on the index and the seq it reflects, between syncs (a snapshot sees one consistent state). */
  withIndex<T>(read: (index: BankMatcher, seq: number | null) => T): Promise<T> {
    const next = this.chain.then(
      () => read(this.current, this.position),
      () => read(this.current, this.position),
    );
    this.chain = next;
    return next;
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
    if (this.position === null) return this.firstLoad();
    const next = this.options.fed ? await this.fromBuffer(this.position) : await this.fromLog(this.position);
    if (typeof next === "string") return next === "waiting" ? next : this.reload(next);
    const pending = next;
    if (pending.length === 0) return "unchanged";
    if (pending.length > INCREMENTAL_LIMIT) return this.reload(`${pending.length}+ changes pending`);
    let applied = 0;
    for (const { change, via } of pending) {
      if (change.seq !== this.position + 1) {
        this.gapSince ??= this.now();
        if (this.now() - this.gapSince < GAP_GRACE_MS) break;
        return this.reload(`seq ${this.position + 1} missing from the change log`);
      }
      if (!this.apply(change)) return this.reload(`${change.op} of bank ${change.bankId}`);
      this.position = change.seq;
      this.buffer.delete(change.seq);
      this.gapSince = null;
      this.stats[via]++;
      applied++;
    }
    this.stats.applied += applied;
    return applied > 0 ? "applied" : "waiting";
  }

  private async fromLog(position: number): Promise<{ change: BankChange; via: ChangeVia }[]> {
    const read = await this.changes.since(position, INCREMENTAL_LIMIT + 1);
    return read.map((change) => ({ change, via: "log" as const }));
  }

  /**
   * Fed mode: the run of buffered changes from position + 1; "waiting" while a
   * gap is young; the log once a gap has lasted (or a reload reason when the
   * changes the index needs were pruned from the log).
   */
  private async fromBuffer(
    position: number,
  ): Promise<{ change: BankChange; via: ChangeVia }[] | "waiting" | string> {
    for (const seq of this.buffer.keys()) if (seq <= position) this.buffer.delete(seq);
    if (this.buffer.size > INCREMENTAL_LIMIT) {
      this.buffer.clear();
      return `${INCREMENTAL_LIMIT}+ changes buffered`;
    }
    const gapLasted = this.gapSince !== null && this.now() - this.gapSince >= GAP_GRACE_MS;
    if (this.readLogNext || gapLasted) {
      this.readLogNext = false;
      const oldest = await this.changes.oldestSeq();
      if (oldest > position + 1) return `changes after seq ${position} were pruned from the log`;
      return this.fromLog(position);
    }
    const run: { change: BankChange; via: ChangeVia }[] = [];
    for (let seq = position + 1; run.length <= INCREMENTAL_LIMIT; seq++) {
      const next = this.buffer.get(seq);
      if (!next) break;
      run.push(next);
    }
    if (run.length > 0) return run;
    if (this.buffer.size > 0) {
      this.gapSince ??= this.now();
      return "waiting";
    }
    if (this.now() - this.lastTailCheck >= TAIL_CHECK_MS) {
      this.lastTailCheck = this.now();
      if ((await this.changes.latestSeq()) > position) {
        this.gapSince ??= this.now();
        return "waiting";
      }
    }
    return [];
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

  private async firstLoad(): Promise<SyncOutcome> {
    if (!this.options.loadSnapshot) return this.reload("first load");
    const started = this.now();
    const snapshot = await this.options.loadSnapshot().catch((error: unknown) => {
      this.log.error({ err: error }, "hash index snapshot unusable; loading from the database");
      return null;
    });
    if (!snapshot) return this.reload("first load, no usable snapshot");
    this.current = snapshot.matcher;
    this.position = snapshot.seq;
    this.gapSince = null;
    this.loaded({
      source: "snapshot",
      ms: this.now() - started,
      seq: snapshot.seq,
      entries: snapshot.matcher.size,
      reason: "first load",
    });
    return "reloaded";
  }

  private loaded(load: IndexLoad): void {
    this.lastLoad = load;
    this.log.info(load, "hash index loaded");
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
    this.loaded({ source: "database", ms: this.now() - started, seq: position, entries: next.size, reason });
    return "reloaded";
  }
}
