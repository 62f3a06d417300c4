/**
 * The line-by-line comparison the reference's regression test uses
 * (ThreatExchange vpdq/cpp/apps/match-hashes-byline.cpp, run by vpdq/cpp/regtest.py
 * with distance 31 and quality 50): two hash lists of one video, compared frame i to
 * frame i. Pairs where either side is below the quality tolerance are skipped; a pair
 * matches when its Hamming distance is strictly below the distance tolerance. The
 * percentage is computed in float32 as the C++ does, NaN when no pair was compared
 * (the C++ prints "nan" then).
 */
import { hammingDistance } from "../pdq/hash256.js";
import type { MatchableFeature } from "./match-videos.js";

export interface BylineOptions {
  /** A pair matches when its distance is below this (strictly). */
  distance: number;
  /** Pairs with either quality below this are skipped. */
  quality: number;
}

export const DEFAULT_BYLINE_OPTIONS: Readonly<BylineOptions> = { distance: 31, quality: 50 };

export interface BylineResult {
  /** Pairs with both qualities at or above the tolerance. */
  compared: number;
  /** Compared pairs within the distance tolerance. */
  matched: number;
  /** matched * 100 / compared in float32; NaN when compared is 0. */
  percent: number;
  /** Largest distance among compared pairs (not in the reference's output; for diagnostics). */
  maxDistance: number;
}

export function matchByline(
  first: readonly MatchableFeature[],
  second: readonly MatchableFeature[],
  options: Partial<BylineOptions> = {},
): BylineResult {
  const { distance, quality } = { ...DEFAULT_BYLINE_OPTIONS, ...options };
  if (first.length !== second.length) {
    // The reference refuses lists of different lengths (exit status 1).
    throw new RangeError(`hash lists differ in length: ${first.length} and ${second.length}`);
  }
  let compared = 0;
  let matched = 0;
  let maxDistance = 0;
  for (let i = 0; i < first.length; i++) {
    if (first[i].quality < quality || second[i].quality < quality) continue;
    compared++;
    const d = hammingDistance(first[i].hash, second[i].hash);
    if (d > maxDistance) maxDistance = d;
    if (d < distance) matched++;
  }
  const percent = Math.fround(Math.fround(Math.fround(matched) * 100) / Math.fround(compared));
  return { compared, matched, percent, maxDistance };
}
