/**
 * The exact baseline for PDQ lookups: every stored hash is compared with the
 * query. Hashes sit contiguously as eight 32-bit words each, so a scan streams
 * through memory; removal swaps the last entry into the hole, so add and remove
 * are O(1) and the array never fragments.
 */
import type { Hash256 } from "../hashing/pdq/hash256.js";

export interface PdqMatch {
  id: number;
  distance: number;
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Packs a Hash256 (sixteen 16-bit words) into eight 32-bit words. */
export function packHash(hash: Hash256, out: Uint32Array, at: number): void {
  for (let w = 0; w < 8; w++) out[at + w] = (hash[2 * w] | (hash[2 * w + 1] << 16)) >>> 0;
}

export class LinearScanIndex {
  private words = new Uint32Array(8 * 1024);
  private ids = new Float64Array(1024);
  private positions = new Map<number, number>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(id: number, hash: Hash256): void {
    if (this.positions.has(id)) this.remove(id);
    if (this.count === this.ids.length) this.grow();
    packHash(hash, this.words, this.count * 8);
    this.ids[this.count] = id;
    this.positions.set(id, this.count);
    this.count++;
  }

  remove(id: number): boolean {
    const at = this.positions.get(id);
    if (at === undefined) return false;
    const last = this.count - 1;
    if (at !== last) {
      this.words.copyWithin(at * 8, last * 8, last * 8 + 8);
      this.ids[at] = this.ids[last];
      this.positions.set(this.ids[at], at);
    }
    this.positions.delete(id);
    this.count--;
    return true;
  }

  search(hash: Hash256, radius: number): PdqMatch[] {
    const q = new Uint32Array(8);
    packHash(hash, q, 0);
    const [q0, q1, q2, q3, q4, q5, q6, q7] = q;
    const words = this.words;
    const found: PdqMatch[] = [];
    for (let i = 0, o = 0; i < this.count; i++, o += 8) {
      let d = popcount32(words[o] ^ q0) + popcount32(words[o + 1] ^ q1) + popcount32(words[o + 2] ^ q2);
      if (d > radius) continue;
      d += popcount32(words[o + 3] ^ q3) + popcount32(words[o + 4] ^ q4) + popcount32(words[o + 5] ^ q5);
      if (d > radius) continue;
      d += popcount32(words[o + 6] ^ q6) + popcount32(words[o + 7] ^ q7);
      if (d <= radius) found.push({ id: this.ids[i], distance: d });
    }
    return found.sort((a, b) => a.distance - b.distance || a.id - b.id);
  }

  private grow(): void {
    const words = new Uint32Array(this.words.length * 2);
    words.set(this.words);
    this.words = words;
    const ids = new Float64Array(this.ids.length * 2);
    ids.set(this.ids);
    this.ids = ids;
  }
}
