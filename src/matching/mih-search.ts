/**
 * The inner loops of a multi-index lookup, split into phases on purpose.
 *
 * At 10M hashes every probe and every candidate is a cache miss (often a TLB
 * miss too), ~75-150 ns each on the machines we measured. A loop that does
 * probe -> run -> candidate -> verify in one pass waits for each miss in turn.
 * Separate tight loops whose loads do not depend on each other let the CPU keep
 * several misses in flight: collect every run first, then gather every
 * position, then touch every candidate's cache line, then verify from cache.
 * Measured at 10M: ~1.3x the lookups of the one-pass loop; branch-free gathers
 * (most runs hold 0 or 1 positions, which a loop-bound branch mispredicts) gave
 * another ~10%.
 */
import { popcount3, popcount32 } from "./pdq-words.js";
import type { PositionMatches } from "./scan.js";
import type { FineOffsets } from "./substring-table.js";

/**
 * Position -> word offset is `p << 3` (8 words a hash), written with a local
 * literal: an imported constant is a module-variable load that TurboFan does
 * not fold, and it cost ~25% in these loops.
 */
const WORD_SHIFT = 3;

/**
 * Appends the run [start, end) of key `qk ^ masks[j]` for j in [from, to) to
 * `runs` as the pair runs[n], runs[n + 1]; returns the new end. Starts and ends sit side
 * by side so the gather reads one line per eight runs (two parallel arrays
 * measured slower).
 */
export function collectRuns(
  coarse: Int32Array,
  fine: FineOffsets,
  qk: number,
  masks: Int32Array,
  from: number,
  to: number,
  runs: Int32Array,
  n: number,
): number {
  for (let j = from; j < to; j++, n += 2) {
    const k = qk ^ masks[j];
    runs[n] = coarse[k >>> 6] + fine[k];
    runs[n + 1] = coarse[(k + 1) >>> 6] + fine[k + 1];
  }
  return n;
}

/**
 * Copies the positions of the runs in runs[r0..r1) (pairs) into cand from index
 * nc; returns the new candidate count. The first position of every run is
 * copied without a branch (postings has a padding slot, cand one spare slot);
 * runs of two or more are finished in a second loop.
 */
export function gatherRuns(
  postings: Int32Array,
  runs: Int32Array,
  r0: number,
  r1: number,
  cand: Int32Array,
  nc: number,
  long: Int32Array,
): number {
  let nl = 0;
  for (let j = r0; j < r1; j += 2) {
    const a = runs[j];
    const len = runs[j + 1] - a;
    cand[nc] = postings[a];
    nc += -len >>> 31; // +1 when len > 0
    long[nl] = j;
    nl += (1 - len) >>> 31; // +1 when len > 1
  }
  for (let x = 0; x < nl; x++) {
    const j = long[x];
    for (let p = runs[j] + 1, e = runs[j + 1]; p < e; p++) cand[nc++] = postings[p];
  }
  return nc;
}

/** Loads each candidate's first word so the verify pass finds its line in cache; returns a checksum to keep the loads. */
export function touchCandidates(words: Int32Array, cand: Int32Array, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum = (sum + words[cand[i] << WORD_SHIFT]) | 0;
  return sum;
}

/**
 * Pushes the candidates cand[from..to) within `radius` of the query. The first
 * three words' popcounts are merged at the nibble stage (as in scan.ts); every
 * intermediate is kept in int32 with `| 0`, because a sum that overflows int32
 * turns into a double and made this loop several times slower.
 */
export function verifyCandidates(
  words: Int32Array,
  cand: Int32Array,
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
  for (let i = from; i < to; i++) {
    const p = cand[i];
    const o = p << WORD_SHIFT;
    let d = popcount3(words[o] ^ q0, words[o + 1] ^ q1, words[o + 2] ^ q2);
    if (d > radius) continue;
    d += popcount32(words[o + 3] ^ q3) + popcount32(words[o + 4] ^ q4) + popcount32(words[o + 5] ^ q5);
    if (d > radius) continue;
    d += popcount32(words[o + 6] ^ q6) + popcount32(words[o + 7] ^ q7);
    if (d <= radius) out.push(p, d);
  }
}
