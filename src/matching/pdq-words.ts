/**
 * The form the matching code keeps PDQ hashes in: eight signed 32-bit words per
 * hash, contiguous in one Int32Array. Word w holds bits 32w..32w+31 (bit k of
 * the hash is bit k % 32 of word k / 32, the same numbering as Hash256, whose
 * 16-bit words are paired low word first).
 *
 * Int32 rather than Uint32 on purpose: V8 keeps every value of the XOR and
 * popcount arithmetic in 32-bit integer registers; Uint32 loads above 2^31
 * become doubles and made the scan loops ~20% slower when measured.
 */
import type { Hash256 } from "../hashing/pdq/hash256.js";

export const PDQ_WORDS = 8;

/**
 * Bits set in a 32-bit value (SWAR; JavaScript has no popcount instruction).
 * `| 0` keeps each step in int32: `x - y` on an int32 can leave the int32
 * range, and V8 then redoes the loop in doubles.
 */
export function popcount32(x: number): number {
  x = (x - ((x >>> 1) & 0x55555555)) | 0;
  x = ((x & 0x33333333) + ((x >>> 2) & 0x33333333)) | 0;
  x = ((x + (x >>> 4)) & 0x0f0f0f0f) | 0;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * popcount32(a) + popcount32(b) + popcount32(c) with the three merged at the
 * nibble stage (each 4-bit field holds at most 4 + 4 + 4 = 12), ~20% fewer
 * operations: the early-exit test of every scan and verify loop.
 */
export function popcount3(a: number, b: number, c: number): number {
  a = (a - ((a >>> 1) & 0x55555555)) | 0;
  b = (b - ((b >>> 1) & 0x55555555)) | 0;
  c = (c - ((c >>> 1) & 0x55555555)) | 0;
  let s = ((a & 0x33333333) + ((a >>> 2) & 0x33333333) + (b & 0x33333333)) | 0;
  s = (s + ((b >>> 2) & 0x33333333) + (c & 0x33333333)) | 0;
  s = (s + ((c >>> 2) & 0x33333333)) | 0;
  s = ((s & 0x0f0f0f0f) + ((s >>> 4) & 0x0f0f0f0f)) | 0;
  return Math.imul(s, 0x01010101) >>> 24;
}

/** Writes a Hash256 as eight words at out[at..at+8). */
export function packHash256(hash: Hash256, out: Int32Array, at: number): void {
  for (let w = 0; w < PDQ_WORDS; w++) out[at + w] = hash[2 * w] | (hash[2 * w + 1] << 16);
}

export function hash256ToWords(hash: Hash256): Int32Array {
  const out = new Int32Array(PDQ_WORDS);
  packHash256(hash, out, 0);
  return out;
}

/** Reads the hash stored at words[at..at+8) back as a Hash256. */
export function wordsToHash256(words: Int32Array, at: number): Hash256 {
  const hash = new Uint16Array(16);
  for (let w = 0; w < PDQ_WORDS; w++) {
    hash[2 * w] = words[at + w] & 0xffff;
    hash[2 * w + 1] = words[at + w] >>> 16;
  }
  return hash;
}

/** Hamming distance between the hashes at a[ao..ao+8) and b[bo..bo+8). */
export function wordsDistance(a: Int32Array, ao: number, b: Int32Array, bo: number): number {
  let d = 0;
  for (let w = 0; w < PDQ_WORDS; w++) d += popcount32(a[ao + w] ^ b[bo + w]);
  return d;
}

/**
 * The `bits`-bit substring of the hash at words[at..] that starts at hash bit
 * `start` (bits <= 30, so keys stay non-negative small integers). A substring
 * may straddle two words.
 */
export function substringKey(words: Int32Array, at: number, start: number, bits: number): number {
  const w = start >>> 5;
  const shift = start & 31;
  let key = words[at + w] >>> shift;
  if (shift + bits > 32) key |= words[at + w + 1] << (32 - shift);
  return key & ((1 << bits) - 1);
}
