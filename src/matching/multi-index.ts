/**
 * The PDQ index for real banks: exact radius search by multi-index hashing
 * (see mih-plan.ts for the arithmetic, substring-table.ts for the tables,
 * mih-search.ts for the lookup loops), with incremental updates:
 *
 * - add() appends to the store; the newest entries (the tail, at most a few
 *   thousand) are scanned, and when the tail is full it is merged into every
 *   table in one O(bank) copy, no re-sorting.
 * - remove() of an indexed entry leaves a tombstone (id NaN) that lookups
 *   skip; when an eighth of the store is dead it is compacted and rebuilt.
 * - When the bank has doubled or shrunk to a quarter since the tables were
 *   built, they are rebuilt with substring widths chosen for the new size.
 *
 * add() is for trickle updates (a merge costs ~0.1-0.3 s at 10M); load banks
 * with addWords() or a snapshot, which build once.
 */
import type { Hash256 } from "../hashing/pdq/hash256.js";
import {
  checkEntryId,
  checkRadius,
  compareMatches,
  DEFAULT_PDQ_RADIUS,
  type PdqIndex,
  type PdqMatch,
} from "./index-types.js";
import { searchTables } from "./mih-lookup.js";
import { chooseWidths, flipMasks, planRadii, type QueryPlan } from "./mih-plan.js";
import type { LookupPlan, MultiIndexOptions, MultiIndexState } from "./multi-index-types.js";
import { PdqStore } from "./pdq-store.js";
import { PDQ_WORDS, packHash256 } from "./pdq-words.js";
import { PositionMatches, scanRange } from "./scan.js";
import { SubstringTable, TableBuildScratch } from "./substring-table.js";

export type { LookupPlan, MultiIndexOptions, MultiIndexState };

const DEFAULT_DIRECTORY_BYTES_PER_HASH = 12.5;
/** Banks are not split into tables below this size; the plan would say "scan" anyway. */
const MIN_BUILD_SIZE = 1024;

export class PdqMultiIndex implements PdqIndex {
  private store: PdqStore;
  private tables: SubstringTable[] = [];
  /** Positions below this are in the tables; the rest are the scanned tail. */
  private indexed = 0;
  /** Live entries when the widths were chosen. */
  private builtFor = 0;
  private plans = new Map<number, QueryPlan>();
  private readonly options: MultiIndexOptions;

  // Per-lookup scratch, reused so a lookup allocates only its result (the
  // probe and candidate buffers are shared, see mih-lookup.ts).
  private readonly query = new Int32Array(PDQ_WORDS);
  private readonly found = new PositionMatches();

  constructor(options: MultiIndexOptions = {}) {
    this.options = options;
    this.store = new PdqStore();
  }

  /** Builds an index over hashes given as words (8 per hash) in one pass. */
  static fromWords(
    ids: ArrayLike<number>,
    words: Int32Array,
    options: MultiIndexOptions = {},
  ): PdqMultiIndex {
    const index = new PdqMultiIndex(options);
    index.store = new PdqStore(ids.length);
    index.addWords(ids, words);
    return index;
  }

  /** Rebuilds an index from a snapshot's state without re-sorting anything. */
  static fromState(state: MultiIndexState, options: MultiIndexOptions = {}): PdqMultiIndex {
    const index = new PdqMultiIndex(options);
    index.store = PdqStore.fromArrays(state.words, state.ids, state.count);
    index.tables = state.tables;
    index.indexed = state.indexed;
    index.builtFor = state.builtFor;
    return index;
  }

  exportState(): MultiIndexState {
    const { store } = this;
    return {
      words: store.words.subarray(0, store.count * PDQ_WORDS),
      ids: store.ids.subarray(0, store.count),
      count: store.count,
      indexed: this.indexed,
      builtFor: this.builtFor,
      tables: this.tables,
    };
  }

  get size(): number {
    return this.store.live;
  }

  /** The substring widths in use ([] while the bank is small enough to scan). */
  get widths(): number[] {
    return this.tables.map((t) => t.bits);
  }

  /** Bytes held: hashes, ids, id map, tables. */
  get byteLength(): number {
    let bytes = this.store.byteLength;
    for (const t of this.tables) bytes += t.byteLength;
    return bytes;
  }

  has(id: number): boolean {
    return this.store.positionOf(id) >= 0;
  }

  add(id: number, hash: Hash256): void {
    checkEntryId(id);
    const old = this.store.positionOf(id);
    if (old >= 0) this.forget(old);
    this.store.append(id, hash);
    this.maintain();
  }

  /** Adds many entries at once (ids present are replaced); at most one merge or rebuild follows. */
  addWords(ids: ArrayLike<number>, words: Int32Array): void {
    this.store.appendWords(ids, words);
    this.maintain();
  }

  remove(id: number): boolean {
    const pos = this.store.positionOf(id);
    if (pos < 0) return false;
    this.forget(pos);
    this.maintain();
    return true;
  }

  search(hash: Hash256, radius = DEFAULT_PDQ_RADIUS): PdqMatch[] {
    packHash256(hash, this.query, 0);
    return this.searchWords(this.query, radius);
  }

  /** search() for a query already in word form (8 words, see pdq-words.ts). */
  searchWords(query: Int32Array, radius = DEFAULT_PDQ_RADIUS): PdqMatch[] {
    checkRadius(radius);
    const { store, found } = this;
    found.reset();
    const plan = this.tables.length > 0 ? this.planFor(radius) : null;
    if (!plan || plan.scan) {
      scanRange(store.words, 0, store.count, query, radius, found);
    } else {
      searchTables({ tables: this.tables, words: store.words, query, radius, plan, found });
      scanRange(store.words, this.indexed, store.count, query, radius, found);
    }
    const out: PdqMatch[] = [];
    const ids = store.ids;
    for (let i = 0; i < found.count; i++) {
      const id = ids[found.positions[i]];
      if (!Number.isNaN(id)) out.push({ id, distance: found.distances[i] });
    }
    return out.sort(compareMatches);
  }

  /**
   * search() for many queries (8 words each, back to back in `queries`);
   * result i answers query i. The same pipeline as a single lookup, run query
   * by query: batching 64-256 queries and visiting their probes and candidates
   * in address order was measured slower here (see docs/PERFORMANCE.md), so a
   * batch saves only the per-call overhead.
   */
  searchManyWords(queries: Int32Array, radius = DEFAULT_PDQ_RADIUS): PdqMatch[][] {
    if (queries.length % PDQ_WORDS !== 0) {
      throw new RangeError(`queries must be ${PDQ_WORDS} words each, got ${queries.length} words`);
    }
    const out: PdqMatch[][] = [];
    for (let at = 0; at < queries.length; at += PDQ_WORDS) {
      out.push(this.searchWords(queries.subarray(at, at + PDQ_WORDS), radius));
    }
    return out;
  }

  /** How a lookup at `radius` would run now. */
  explain(radius = DEFAULT_PDQ_RADIUS): LookupPlan {
    checkRadius(radius);
    if (this.tables.length === 0) return { scan: true, radii: [], probes: 0 };
    const plan = this.planFor(radius);
    return { scan: plan.scan, radii: [...plan.radii], probes: plan.probes };
  }

  /** Compacts removed entries and rebuilds every table with widths chosen for the current size. */
  rebuild(): void {
    const { store } = this;
    store.compact();
    const live = store.count;
    const widths =
      this.options.widths ??
      chooseWidths(
        live,
        DEFAULT_PDQ_RADIUS,
        this.options.directoryBytesPerHash ?? DEFAULT_DIRECTORY_BYTES_PER_HASH,
      );
    this.tables = [];
    if (widths.length > 0 && live > 0) {
      const scratch = new TableBuildScratch(live);
      let start = 0;
      for (const bits of widths) {
        this.tables.push(SubstringTable.build(store.words, live, start, bits, scratch));
        start += bits;
      }
    }
    // With no tables every entry is tail: removes then swap instead of leaving tombstones.
    this.indexed = this.tables.length > 0 ? live : 0;
    this.builtFor = live;
    this.plans.clear();
    if (store.capacity > live + (live >>> 2) + 4096) store.trim(this.tailLimit());
  }

  private tailLimit(): number {
    return this.options.tailLimit ?? Math.min(4096, Math.max(1024, this.indexed >>> 6));
  }

  /** Removes the entry at pos: tail entries are swapped out, indexed ones tombstoned. */
  private forget(pos: number): void {
    if (pos >= this.indexed) this.store.swapRemove(pos);
    else this.store.kill(pos);
  }

  private maintain(): void {
    const { store } = this;
    const live = store.live;
    // Chosen widths wait for a bank worth splitting; explicit ones apply at once.
    const sizedFor = this.options.widths ? this.builtFor : Math.max(this.builtFor, MIN_BUILD_SIZE);
    if (live > 2 * sizedFor || (this.builtFor > MIN_BUILD_SIZE && live < this.builtFor / 4)) {
      this.rebuild();
    } else if (store.dead > Math.max(MIN_BUILD_SIZE, store.count >>> 3)) {
      this.rebuild();
    } else if (this.tables.length > 0 && store.count - this.indexed > this.tailLimit()) {
      this.mergeTail();
    }
  }

  private mergeTail(): void {
    const { store } = this;
    for (const table of this.tables) {
      if (!table.merge(store.words, this.indexed, store.count)) {
        // A Uint16 directory block overflowed (a heavily clustered bank): rebuild
        // (which picks Uint32 offsets). Tables merged so far are rebuilt too.
        this.rebuild();
        return;
      }
    }
    this.indexed = store.count;
  }

  private planFor(radius: number): QueryPlan {
    const cached = this.plans.get(radius);
    if (cached) return cached;
    const widths = this.widths;
    const plan = planRadii(
      widths,
      widths.map((b) => this.indexed / 2 ** b),
      radius,
      this.store.count,
      this.options.costPerScannedHash,
    );
    const masks = widths.map((b, t) =>
      plan.scan || plan.radii[t] < 0 ? new Int32Array(0) : flipMasks(b, plan.radii[t]),
    );
    const probes = masks.reduce((n, m) => n + m.length, 0);
    const queryPlan: QueryPlan = { radii: plan.radii, masks, scan: plan.scan, probes };
    this.plans.set(radius, queryPlan);
    return queryPlan;
  }
}
