/**
 * Entry id -> position in a store, for remove() and replace-on-add. A JS Map
 * would cost ~40-80 bytes per entry (and V8 caps a Map at 2^24 entries); this
 * open-addressing table keeps only positions (4 bytes a slot, load <= 0.75, so
 * 5.3-10.7 bytes an entry) and compares against the store's own ids array,
 * which the caller passes in because the store reallocates it as it grows.
 *
 * Each slot packs the position (low 27 bits) with 4 more bits of the id's hash,
 * so a probe past a colliding slot usually needs no look at ids[] (a second
 * cache miss): that made bulk inserts at 10M ~3x faster.
 *
 * Linear probing with backward-shift deletion (no tombstones, so lookups stay
 * short however many removes happen).
 */

const EMPTY = -1;
const MIN_CAPACITY = 16;
const POSITION_BITS = 27;
const POSITION_MASK = (1 << POSITION_BITS) - 1;
/** Positions must fit the slot; 134M entries is far beyond any bank held in one process. */
export const MAX_POSITIONS = 1 << POSITION_BITS;

function hashId(id: number): number {
  // Mix both halves: ids above 2^32 are rare but legal (bigserial).
  const lo = id | 0;
  const hi = Math.floor(id / 4294967296) | 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/** The 4 tag bits stored with a position: hash bits 27..30, above any slot index bits we use. */
function tagOf(h: number): number {
  return h & 0x78000000;
}

export class IdPositionMap {
  private slots: Int32Array;
  private mask: number;
  private used = 0;

  constructor(expected = 0) {
    this.slots = new Int32Array(IdPositionMap.capacityFor(expected)).fill(EMPTY);
    this.mask = this.slots.length - 1;
  }

  private static capacityFor(entries: number): number {
    let capacity = MIN_CAPACITY;
    while (capacity * 0.75 < entries + 1) capacity *= 2;
    return capacity;
  }

  get size(): number {
    return this.used;
  }

  get byteLength(): number {
    return this.slots.byteLength;
  }

  /** The position of `id`, or -1. */
  get(id: number, ids: Float64Array): number {
    const i = this.slotOf(id, ids);
    return i < 0 ? -1 : this.slots[i] & POSITION_MASK;
  }

  /** Makes room for `entries` in total without rehashing on the way. */
  reserve(entries: number, ids: Float64Array): void {
    const capacity = IdPositionMap.capacityFor(entries);
    if (capacity > this.slots.length) this.resize(capacity, ids);
  }

  /** Records `id` at `pos`; the id must not be present (ids[pos] must already be `id`). */
  insert(id: number, pos: number, ids: Float64Array): void {
    if (pos >= MAX_POSITIONS) throw new RangeError(`an index holds at most ${MAX_POSITIONS} entries`);
    if (this.used + 1 > this.slots.length * 0.75) this.resize(this.slots.length * 2, ids);
    this.place(hashId(id), pos);
    this.used++;
  }

  /** Points `id` (present) at a new position; call before overwriting ids[oldPos]. */
  move(id: number, newPos: number, ids: Float64Array): void {
    const i = this.slotOf(id, ids);
    if (i >= 0) this.slots[i] = (this.slots[i] & ~POSITION_MASK) | newPos;
  }

  /** Forgets `id`; returns its position or -1. Call before overwriting ids[pos]. */
  delete(id: number, ids: Float64Array): number {
    const slots = this.slots;
    const mask = this.mask;
    let i = this.slotOf(id, ids);
    if (i < 0) return -1;
    const pos = slots[i] & POSITION_MASK;
    // Backward shift: pull later entries of the run into the hole when the hole
    // lies between their home slot and where they sit.
    for (let j = (i + 1) & mask; slots[j] !== EMPTY; j = (j + 1) & mask) {
      const home = hashId(ids[slots[j] & POSITION_MASK]) & mask;
      if (((i - home) & mask) <= ((j - home) & mask)) {
        slots[i] = slots[j];
        i = j;
      }
    }
    slots[i] = EMPTY;
    this.used--;
    return pos;
  }

  /** Rebuilds from scratch for the live (non-NaN) ids in ids[0..count); a repeated live id throws. */
  rebuild(ids: Float64Array, count: number): void {
    this.slots = new Int32Array(MIN_CAPACITY).fill(EMPTY);
    this.mask = MIN_CAPACITY - 1;
    this.used = 0;
    const superseded = this.insertRange(ids, 0, count);
    if (superseded.length > 0) throw new RangeError(`entry id ${ids[superseded[0]]} is stored twice`);
  }

  /**
   * Inserts positions from..to-1 (the id of p is ids[p]; NaN ids are skipped).
   * An id already present, or repeated in the range, keeps its highest
   * position; the lower positions it supersedes are returned (no longer
   * mapped) for the caller to mark removed.
   *
   * Bulk loads insert in slot order (a counting sort on the slot's top bits
   * first), so the writes sweep the table instead of missing cache on every
   * entry: at 10M entries ~3x faster than inserting in position order.
   */
  insertRange(ids: Float64Array, from: number, to: number): number[] {
    if (to > MAX_POSITIONS) throw new RangeError(`an index holds at most ${MAX_POSITIONS} entries`);
    const n = to - from;
    this.reserve(this.used + n, ids);
    const slotBits = 31 - Math.clz32(this.slots.length);
    const partBits = Math.min(8, slotBits);
    const shift = slotBits - partBits;
    const hashes = new Int32Array(n);
    const starts = new Int32Array((1 << partBits) + 1);
    for (let i = 0; i < n; i++) {
      const id = ids[from + i];
      if (Number.isNaN(id)) continue;
      const h = hashId(id);
      hashes[i] = h;
      starts[((h & this.mask) >>> shift) + 1]++;
    }
    for (let b = 0; b < 1 << partBits; b++) starts[b + 1] += starts[b];
    // Scatter (position, hash, id) into slot order so the insert loop reads
    // them sequentially; only the slots it writes move around (within cache).
    const total = starts[1 << partBits];
    const orderPos = new Int32Array(total);
    const orderHash = new Int32Array(total);
    const orderId = new Float64Array(total);
    for (let i = 0; i < n; i++) {
      const id = ids[from + i];
      if (Number.isNaN(id)) continue;
      const k = starts[(hashes[i] & this.mask) >>> shift]++;
      orderPos[k] = from + i;
      orderHash[k] = hashes[i];
      orderId[k] = id;
    }
    const superseded: number[] = [];
    const slots = this.slots;
    const mask = this.mask;
    for (let k = 0; k < total; k++) {
      const pos = orderPos[k];
      const h = orderHash[k];
      const tag = tagOf(h);
      const id = orderId[k];
      let at = h & mask;
      for (; slots[at] !== EMPTY; at = (at + 1) & mask) {
        const slot = slots[at];
        if ((slot & ~POSITION_MASK) !== tag || ids[slot & POSITION_MASK] !== id) continue;
        const other = slot & POSITION_MASK;
        if (other < pos) {
          slots[at] = tag | pos;
          superseded.push(other);
        } else {
          superseded.push(pos);
        }
        break;
      }
      if (slots[at] === EMPTY) {
        slots[at] = tag | pos;
        this.used++;
      }
    }
    return superseded;
  }

  private place(h: number, pos: number): void {
    let i = h & this.mask;
    while (this.slots[i] !== EMPTY) i = (i + 1) & this.mask;
    this.slots[i] = tagOf(h) | pos;
  }

  private slotOf(id: number, ids: Float64Array): number {
    const slots = this.slots;
    const h = hashId(id);
    const tag = tagOf(h);
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const slot = slots[i];
      if (slot === EMPTY) return -1;
      if ((slot & ~POSITION_MASK) === tag && ids[slot & POSITION_MASK] === id) return i;
    }
  }

  private resize(capacity: number, ids: Float64Array): void {
    const old = this.slots;
    this.slots = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    for (let k = 0; k < old.length; k++) {
      const slot = old[k];
      if (slot !== EMPTY) this.place(hashId(ids[slot & POSITION_MASK]), slot & POSITION_MASK);
    }
  }
}
