/**
 * Seeded PDQ-shaped test data: uniformly random hashes (the worst case for
 * multi-index hashing) and clustered ones (near-duplicates of a few centres, as
 * real banks hold re-encodes and crops of the same images).
 */
import { type Hash256, hammingDistance } from "../../src/hashing/pdq/hash256.js";
import type { PdqMatch } from "../../src/matching/index-types.js";
import { PDQ_WORDS, wordsToHash256 } from "../../src/matching/pdq-words.js";

/** xorshift32 returning unsigned 32-bit integers. */
export function xorshift(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
}

export function randomHash(next: () => number): Hash256 {
  const hash = new Uint16Array(16);
  for (let i = 0; i < 16; i++) hash[i] = next() & 0xffff;
  return hash;
}

/** A copy of `hash` with exactly `flips` distinct bits flipped. */
export function flipBits(hash: Hash256, flips: number, next: () => number): Hash256 {
  const out = Uint16Array.from(hash);
  const chosen = new Set<number>();
  while (chosen.size < flips) chosen.add(next() & 255);
  for (const bit of chosen) out[bit >> 4] ^= 1 << (bit & 15);
  return out;
}

export function randomWords(count: number, seed: number): Int32Array {
  const next = xorshift(seed);
  const words = new Int32Array(count * PDQ_WORDS);
  for (let i = 0; i < words.length; i++) words[i] = next() | 0;
  return words;
}

export interface Clusters {
  centres: Hash256[];
  hashes: Hash256[];
}

/** `count` hashes, each a centre with 0..maxFlips bits flipped. */
export function clusteredHashes(
  count: number,
  centreCount: number,
  maxFlips: number,
  seed: number,
): Clusters {
  const next = xorshift(seed);
  const centres = Array.from({ length: centreCount }, () => randomHash(next));
  const hashes = Array.from({ length: count }, () =>
    flipBits(centres[next() % centreCount], next() % (maxFlips + 1), next),
  );
  return { centres, hashes };
}

export function hashesToWords(hashes: Hash256[]): Int32Array {
  const words = new Int32Array(hashes.length * PDQ_WORDS);
  hashes.forEach((h, i) => {
    for (let w = 0; w < PDQ_WORDS; w++) words[i * PDQ_WORDS + w] = h[2 * w] | (h[2 * w + 1] << 16);
  });
  return words;
}

export function wordsToHashes(words: Int32Array): Hash256[] {
  return Array.from({ length: words.length / PDQ_WORDS }, (_, i) => wordsToHash256(words, i * PDQ_WORDS));
}

/** The answer computed the slow, obviously right way (hash256.ts's own distance). */
export function oracleSearch(entries: Map<number, Hash256>, query: Hash256, radius: number): PdqMatch[] {
  const out: PdqMatch[] = [];
  for (const [id, hash] of entries) {
    const distance = hammingDistance(query, hash);
    if (distance <= radius) out.push({ id, distance });
  }
  return out.sort((a, b) => a.distance - b.distance || a.id - b.id);
}
