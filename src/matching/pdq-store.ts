/**
 * The entries of a PDQ index: hashes as eight words each, contiguous in one
 * Int32Array so scans stream and a candidate check touches one cache line; ids
 * as float64 (safe integers) beside them, NaN marking a removed entry that an
 * index has not compacted away yet; and the id -> position map.
 *
 * 32 bytes of hash + 8 of id + ~5-11 of map per entry. Capacity grows by at
 * most an eighth (not doubling) so a 10M-entry bank does not carry 10M empty
 * slots; bulk loads reserve exactly.
 */
import type { Hash256 } from "../hashing/pdq/hash256.js";
import { IdPositionMap } from "./id-positions.js";
import { checkEntryId } from "./index-types.js";
import { PDQ_WORDS, packHash256 } from "./pdq-words.js";

export class PdqStore {
  words: Int32Array;
  ids: Float64Array;
  /** Positions in use, removed ones included. */
  count = 0;
  /** Positions holding a removed entry (id NaN). */
  dead = 0;
  private readonly positions: IdPositionMap;

  constructor(capacity = 1024) {
    this.words = new Int32Array(capacity * PDQ_WORDS);
    this.ids = new Float64Array(capacity);
    this.positions = new IdPositionMap(0);
  }

  /** Adopts arrays (a snapshot's, or a bulk load's); ids may hold NaN for removed entries. */
  static fromArrays(words: Int32Array, ids: Float64Array, count: number): PdqStore {
    const store = new PdqStore(0);
    store.words = words;
    store.ids = ids;
    store.count = count;
    for (let p = 0; p < count; p++) if (Number.isNaN(ids[p])) store.dead++;
    store.positions.rebuild(ids, count);
    return store;
  }

  get live(): number {
    return this.count - this.dead;
  }

  get capacity(): number {
    return this.ids.length;
  }

  get byteLength(): number {
    return this.words.byteLength + this.ids.byteLength + this.positions.byteLength;
  }

  positionOf(id: number): number {
    return this.positions.get(id, this.ids);
  }

  reserve(extra: number): void {
    const needed = this.count + extra;
    if (needed <= this.capacity) return;
    const capacity = Math.max(needed, this.capacity + Math.max(1024, this.capacity >>> 3));
    const words = new Int32Array(capacity * PDQ_WORDS);
    words.set(this.words.subarray(0, this.count * PDQ_WORDS));
    this.words = words;
    const ids = new Float64Array(capacity);
    ids.set(this.ids.subarray(0, this.count));
    this.ids = ids;
  }

  /** Appends an entry whose id is not present; returns its position. */
  append(id: number, hash: Hash256): number {
    this.reserve(1);
    const pos = this.count++;
    packHash256(hash, this.words, pos * PDQ_WORDS);
    this.ids[pos] = id;
    this.positions.insert(id, pos, this.ids);
    return pos;
  }

  /** Appends entries from words (8 per hash); ids already present (or repeated) are replaced, the last wins. */
  appendWords(ids: ArrayLike<number>, words: Int32Array): void {
    const n = ids.length;
    if (words.length !== n * PDQ_WORDS) {
      throw new RangeError(`expected ${n * PDQ_WORDS} words for ${n} ids, got ${words.length}`);
    }
    for (let i = 0; i < n; i++) checkEntryId(ids[i]);
    this.reserve(n);
    const base = this.count;
    this.words.set(words, base * PDQ_WORDS);
    for (let i = 0; i < n; i++) this.ids[base + i] = ids[i];
    this.count += n;
    for (const pos of this.positions.insertRange(this.ids, base, base + n)) {
      this.ids[pos] = Number.NaN;
      this.dead++;
    }
  }

  /** Marks the entry at `pos` removed, leaving its slot in place (positions stay stable). */
  kill(pos: number): void {
    this.positions.delete(this.ids[pos], this.ids);
    this.ids[pos] = Number.NaN;
    this.dead++;
  }

  /** Removes the entry at `pos` by moving the last entry into it (positions >= pos may change). */
  swapRemove(pos: number): void {
    const last = this.count - 1;
    this.positions.delete(this.ids[pos], this.ids);
    if (pos !== last) {
      const moved = this.ids[last];
      if (!Number.isNaN(moved)) this.positions.move(moved, pos, this.ids);
      this.words.copyWithin(pos * PDQ_WORDS, last * PDQ_WORDS, (last + 1) * PDQ_WORDS);
      this.ids[pos] = moved;
    }
    this.count--;
  }

  /** Drops removed entries, keeping the order of the rest; positions change. */
  compact(): void {
    if (this.dead === 0) return;
    const { words, ids } = this;
    let to = 0;
    for (let from = 0; from < this.count; from++) {
      if (Number.isNaN(ids[from])) continue;
      if (to !== from) {
        words.copyWithin(to * PDQ_WORDS, from * PDQ_WORDS, (from + 1) * PDQ_WORDS);
        ids[to] = ids[from];
      }
      to++;
    }
    this.count = to;
    this.dead = 0;
    this.positions.rebuild(ids, to);
  }

  /** Releases unused capacity (after a bulk load or compaction), keeping `slack` free slots. */
  trim(slack: number): void {
    const capacity = this.count + slack;
    if (capacity >= this.capacity) return;
    this.words = this.words.slice(0, capacity * PDQ_WORDS);
    this.ids = this.ids.slice(0, capacity);
  }
}
