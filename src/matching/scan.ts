/**
 * The exact linear scan over stored words, shared by the brute-force index, the
 * multi-index's recent-entries tail and its large-radius fallback; and the
 * buffer both report store positions into.
 *
 * Speed notes (measured, Node 20, 2 GHz EPYC VM): the scan is compute-bound at
 * about 10 ns a hash; merging the first three words' popcounts at the nibble
 * stage (each 4-bit field holds at most 4 + 4 + 4 = 12) and leaving early when
 * 96 bits already differ in more than `radius` places beats eight separate
 * popcounts by ~20%. A random hash differs from the query in ~48 of the first 96
 * bits, so at radius 31 almost every hash leaves after three words.
 */
import { popcount3, popcount32 } from "./pdq-words.js";

/** 8 words a hash, as a local literal (an imported constant is not folded in hot loops). */
const WORDS = 8;

/** Store positions and their distances, reused across queries to avoid garbage. */
export class PositionMatches {
  positions = new Int32Array(64);
  distances = new Uint16Array(64);
  count = 0;

  reset(): void {
    this.count = 0;
  }

  push(position: number, distance: number): void {
    if (this.count === this.positions.length) {
      const positions = new Int32Array(this.count * 2);
      positions.set(this.positions);
      this.positions = positions;
      const distances = new Uint16Array(this.count * 2);
      distances.set(this.distances);
      this.distances = distances;
    }
    this.positions[this.count] = position;
    this.distances[this.count] = distance;
    this.count++;
  }
}

/** Pushes every position p in [from, to) whose hash is within `radius` of `query`. */
export function scanRange(
  words: Int32Array,
  from: number,
  to: number,
  query: Int32Array,
  radius: number,
  out: PositionMatches,
): void {
  const q0 = query[0];
  const q1 = query[1];
  const q2 = query[2];
  const q3 = query[3];
  const q4 = query[4];
  const q5 = query[5];
  const q6 = query[6];
  const q7 = query[7];
  for (let p = from, o = from * WORDS; p < to; p++, o += WORDS) {
    let d = popcount3(words[o] ^ q0, words[o + 1] ^ q1, words[o + 2] ^ q2);
    if (d > radius) continue;
    d += popcount32(words[o + 3] ^ q3) + popcount32(words[o + 4] ^ q4) + popcount32(words[o + 5] ^ q5);
    if (d > radius) continue;
    d += popcount32(words[o + 6] ^ q6) + popcount32(words[o + 7] ^ q7);
    if (d <= radius) out.push(p, d);
  }
}
