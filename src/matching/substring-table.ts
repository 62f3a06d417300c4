/**
 * One table of the multi-index: store positions grouped by the value of one
 * b-bit substring of their hash, CSR style (compressed sparse rows): the
 * postings array holds positions sorted by key, and a directory gives where
 * each key's run starts. No per-key objects: a JS Map of arrays costs ~100 bytes
 * a key, this costs 4 bytes a hash plus ~2 bytes a key.
 *
 * The directory is two-level so it fits the memory budget: start(k) =
 * coarse[k >> 6] + fine[k], with coarse an Int32 per 64 keys and fine a Uint8
 * per key (Uint16 when some 64-key block holds 256 entries or more, Uint32 from
 * 65,536: only clustered banks). Keys k and k + 1 are read together, so a
 * probe costs one directory cache line and one postings line. One byte a key
 * (with 256-key blocks and Uint16 offsets it was two) halves the directories:
 * 11 B a hash less at 10M, and more of them stays in cache (measured ~1.1x the
 * lookups at 10M, no clear change at 1M; see docs/PERFORMANCE.md).
 *
 * Built with a two-pass MSD radix sort (top 8 bits, then the rest within each
 * top bucket while it sits in cache): a counting sort straight into a 2^23
 * directory scatters every write at random and was 4x slower at 10M.
 */
import { PDQ_WORDS, substringKey } from "./pdq-words.js";

/** Keys per coarse block: 2^BLOCK_BITS (also written as a literal in mih-search.ts). */
export const BLOCK_BITS = 6;
const BLOCK_MASK = (1 << BLOCK_BITS) - 1;
const UINT8_LIMIT = 0xff;
const UINT16_LIMIT = 0xffff;

export type FineOffsets = Uint8Array | Uint16Array | Uint32Array;

/** The narrowest fine-offset array that holds offsets up to maxPop. */
function fineFor(maxPop: number, length: number): FineOffsets {
  if (maxPop <= UINT8_LIMIT) return new Uint8Array(length);
  if (maxPop <= UINT16_LIMIT) return new Uint16Array(length);
  return new Uint32Array(length);
}

/** The largest offset a fine array of this type holds. */
function fineLimit(fine: FineOffsets): number {
  if (fine instanceof Uint8Array) return UINT8_LIMIT;
  if (fine instanceof Uint16Array) return UINT16_LIMIT;
  return 0xffffffff;
}

/** Scratch arrays reused across the tables of one build (3 x 4 bytes a hash). */
export class TableBuildScratch {
  keys: Int32Array;
  lows: Int32Array;
  positions: Int32Array;

  constructor(count: number) {
    this.keys = new Int32Array(count);
    this.lows = new Int32Array(count);
    this.positions = new Int32Array(count);
  }
}

export class SubstringTable {
  constructor(
    /** First hash bit of the substring. */
    readonly start: number,
    /** Substring width b; keys are 0..2^b - 1. */
    readonly bits: number,
    public coarse: Int32Array,
    public fine: FineOffsets,
    /** Positions sorted by key, plus one padding slot so gathers may read one past a run. */
    public postings: Int32Array,
    /** Positions indexed (postings.length - 1). */
    public entries: number,
  ) {}

  get byteLength(): number {
    return this.coarse.byteLength + this.fine.byteLength + this.postings.byteLength;
  }

  keyOf(words: Int32Array, position: number): number {
    return substringKey(words, position * PDQ_WORDS, this.start, this.bits);
  }

  /** Where key k's run starts in postings; k may be 2^bits (the end). */
  offset(k: number): number {
    return this.coarse[k >>> BLOCK_BITS] + this.fine[k];
  }

  /**
   * A table from another directory layout (a version 1 snapshot's 256-key
   * blocks): `offsetOf(k)` gives where key k's run starts, for k in 0..2^bits.
   */
  static fromOffsets(
    start: number,
    bits: number,
    offsetOf: (k: number) => number,
    postings: Int32Array,
    entries: number,
  ): SubstringTable {
    const keyCount = 2 ** bits;
    const blocks = (keyCount >>> BLOCK_BITS) + 1;
    const coarse = new Int32Array(blocks + 1);
    let maxPop = 0;
    for (let b = 0; b < blocks; b++) {
      coarse[b] = offsetOf(Math.min(b << BLOCK_BITS, keyCount));
      if (b > 0) maxPop = Math.max(maxPop, coarse[b] - coarse[b - 1]);
    }
    maxPop = Math.max(maxPop, offsetOf(keyCount) - coarse[blocks - 1]);
    const fine = fineFor(maxPop, keyCount + 1);
    for (let k = 0; k <= keyCount; k++) fine[k] = offsetOf(k) - coarse[k >>> BLOCK_BITS];
    return new SubstringTable(start, bits, coarse, fine, postings, entries);
  }

  /** Indexes store positions 0..count-1. */
  static build(
    words: Int32Array,
    count: number,
    start: number,
    bits: number,
    scratch: TableBuildScratch,
  ): SubstringTable {
    if (bits < BLOCK_BITS) throw new RangeError(`substring of ${bits} bits; at least ${BLOCK_BITS} expected`);
    const { keys, lows, positions } = scratch;
    const hiBits = Math.min(8, bits);
    const loBits = bits - hiBits;
    const loMask = (1 << loBits) - 1;
    const keyCount = 1 << bits;
    const blocks = (keyCount >>> BLOCK_BITS) + 1;

    // Pass 1: keys, top-bits histogram, block populations (to size the fine offsets).
    const hist = new Int32Array((1 << hiBits) + 1);
    const blockPop = new Int32Array(blocks);
    for (let i = 0, o = 0; i < count; i++, o += 8) {
      // (8 = PDQ_WORDS as a literal: imported constants are not folded in hot loops)
      const k = substringKey(words, o, start, bits);
      keys[i] = k;
      hist[(k >>> loBits) + 1]++;
      blockPop[k >>> BLOCK_BITS]++;
    }
    for (let d = 0; d < 1 << hiBits; d++) hist[d + 1] += hist[d];
    const bucketStart = hist.slice();
    // Pass 2: scatter into 256 top buckets (256 sequential write streams).
    for (let i = 0; i < count; i++) {
      const k = keys[i];
      const at = hist[k >>> loBits]++;
      lows[at] = k & loMask;
      positions[at] = i;
    }
    let maxPop = 0;
    for (let b = 0; b < blocks; b++) if (blockPop[b] > maxPop) maxPop = blockPop[b];
    const fine = fineFor(maxPop, keyCount + 1);
    const coarse = new Int32Array(blocks + 1);
    const postings = new Int32Array(count + 1);
    const lowStarts = new Int32Array(1 << loBits);
    // Pass 3: within each top bucket, counting-sort by the low bits (in cache),
    // writing the directory in the same sweep that turns counts into starts.
    for (let d = 0; d < 1 << hiBits; d++) {
      const a = bucketStart[d];
      const e = bucketStart[d + 1];
      lowStarts.fill(0);
      for (let i = a; i < e; i++) lowStarts[lows[i]]++;
      const base = d << loBits;
      let run = a;
      let blockStart = coarse[base >>> BLOCK_BITS]; // a block may span several top buckets
      for (let x = 0; x <= loMask; x++) {
        const k = base | x;
        if ((k & BLOCK_MASK) === 0) {
          blockStart = run;
          coarse[k >>> BLOCK_BITS] = run;
        }
        fine[k] = run - blockStart;
        const c = lowStarts[x];
        lowStarts[x] = run;
        run += c;
      }
      for (let i = a; i < e; i++) postings[lowStarts[lows[i]]++] = positions[i];
    }
    if ((keyCount & BLOCK_MASK) === 0) coarse[keyCount >>> BLOCK_BITS] = count;
    fine[keyCount] = count - coarse[keyCount >>> BLOCK_BITS];
    return new SubstringTable(start, bits, coarse, fine, postings, count);
  }

  /**
   * Adds store positions from..to-1 (the index's tail) without re-sorting the
   * rest: each old run is copied once, the new positions slotted in after
   * their key's run. O(entries) copying, O(blocks + tail) directory work.
   * Returns false, changing nothing, if a Uint8/Uint16 fine offset would overflow.
   */
  merge(words: Int32Array, from: number, to: number): boolean {
    const added = to - from;
    if (added <= 0) return true;
    // Sort the tail by key (stable by position): key * 2^21 + index is exact in a double.
    const order = new Float64Array(added);
    for (let j = 0; j < added; j++) order[j] = this.keyOf(words, from + j) * 2097152 + j;
    if (added > 2097152) throw new RangeError("merge tail too large");
    order.sort();
    const tailKey = (j: number): number => Math.floor(order[j] / 2097152);

    const { coarse, fine } = this;
    const limit = fineLimit(fine);
    if (limit < 0xffffffff) {
      for (let j = 0; j < added; ) {
        const block = tailKey(j) >>> BLOCK_BITS;
        let inBlock = 0;
        while (j < added && tailKey(j) >>> BLOCK_BITS === block) {
          inBlock++;
          j++;
        }
        if (coarse[block + 1] - coarse[block] + inBlock > limit) return false;
      }
    }

    const old = this.postings;
    const postings = new Int32Array(this.entries + added + 1);
    let src = 0;
    let dst = 0;
    for (let j = 0; j < added; j++) {
      const k = tailKey(j);
      const end = this.offset(k + 1);
      postings.set(old.subarray(src, end), dst);
      dst += end - src;
      src = end;
      postings[dst++] = from + (order[j] % 2097152);
    }
    postings.set(old.subarray(src, this.entries), dst);

    // Directory: start(k) grows by the number of tail keys below k. coarse
    // takes the tail keys in earlier blocks, fine the ones earlier in its block.
    const blocks = coarse.length - 1;
    let below = 0;
    for (let b = 0, j = 0; b < blocks; b++) {
      coarse[b] += below;
      if (j >= added || tailKey(j) >>> BLOCK_BITS !== b) continue;
      const blockEnd = Math.min((b + 1) << BLOCK_BITS, fine.length);
      let smaller = 0;
      for (let x = tailKey(j) + 1; x < blockEnd; x++) {
        while (j < added && tailKey(j) < x) {
          smaller++;
          j++;
        }
        fine[x] += smaller;
      }
      while (j < added && tailKey(j) >>> BLOCK_BITS === b) {
        smaller++;
        j++;
      }
      below += smaller;
    }
    this.postings = postings;
    this.entries += added;
    return true;
  }
}
