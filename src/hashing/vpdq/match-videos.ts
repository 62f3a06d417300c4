/**
 * The vPDQ "brute" video match rule as python-threatexchange defines it for the VPDQ
 * signal type (threatexchange/extensions/vpdq/vpdq_brute_matcher.py,
 * match_VPDQ_hash_brute; thresholds and defaults in vpdq_util.py and vpdq.py):
 *
 * 1. each side is de-duplicated: only the first feature with a given hash is kept;
 * 2. then features with quality below the quality threshold are dropped;
 * 3. a feature matches when some feature on the other side is within the distance
 *    threshold (Hamming distance <= threshold);
 * 4. queryMatchPercent = matched query features * 100 / query features left,
 *    comparedMatchPercent = the same for the compared (target) side.
 *
 * The C++ tool (vpdq/cpp/vpdq/cpp/hashing/matchTwoHash.cpp, matchTwoHashBrute) differs
 * in two details: it does not de-duplicate, and it matches on distance < threshold.
 * Where a side has no features left the Python code divides by zero; like the C++
 * this returns 0 for both percentages.
 */
import { type Hash256, hammingDistance, hash256ToHex } from "../pdq/hash256.js";

/** The features matching needs; a VpdqFeature has them. */
export interface MatchableFeature {
  hash: Hash256;
  quality: number;
}

export interface VideoMatchOptions {
  /** Largest Hamming distance at which two frames match (VPDQ_DISTANCE_THRESHOLD). */
  distance: number;
  /** Frames below this PDQ quality are ignored (VPDQ_QUALITY_THRESHOLD). */
  quality: number;
}

export const DEFAULT_VIDEO_MATCH_OPTIONS: Readonly<VideoMatchOptions> = { distance: 31, quality: 50 };

export interface VideoMatchResult {
  queryMatchPercent: number;
  comparedMatchPercent: number;
}

export interface VideoMatchThresholds {
  /** Minimum queryMatchPercent (VPDQ_QUERY_MATCH_THRESHOLD_PERCENT). */
  queryThreshold: number;
  /** Minimum comparedMatchPercent (VPDQ_INDEX_MATCH_THRESHOLD_PERCENT). */
  comparedThreshold: number;
}

export const DEFAULT_VIDEO_MATCH_THRESHOLDS: Readonly<VideoMatchThresholds> = {
  queryThreshold: 80,
  comparedThreshold: 0,
};

/** First feature of each distinct hash, in order (vpdq_util.dedupe, keyed on the hex string). */
export function dedupeFeatures<F extends MatchableFeature>(features: readonly F[]): F[] {
  const seen = new Set<string>();
  const kept: F[] = [];
  for (const feature of features) {
    const key = hash256ToHex(feature.hash);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(feature);
  }
  return kept;
}

function countMatched(from: readonly Hash256[], to: readonly Hash256[], distance: number): number {
  let matched = 0;
  for (const a of from) {
    for (const b of to) {
      if (hammingDistance(a, b) <= distance) {
        matched++;
        break;
      }
    }
  }
  return matched;
}

function usableHashes(features: readonly MatchableFeature[], quality: number): Hash256[] {
  return dedupeFeatures(features)
    .filter((feature) => feature.quality >= quality)
    .map((feature) => feature.hash);
}

export function matchVideos(
  query: readonly MatchableFeature[],
  compared: readonly MatchableFeature[],
  options: Partial<VideoMatchOptions> = {},
): VideoMatchResult {
  const { distance, quality } = { ...DEFAULT_VIDEO_MATCH_OPTIONS, ...options };
  const q = usableHashes(query, quality);
  const c = usableHashes(compared, quality);
  if (q.length === 0 || c.length === 0) return { queryMatchPercent: 0, comparedMatchPercent: 0 };
  return {
    queryMatchPercent: (countMatched(q, c, distance) * 100) / q.length,
    comparedMatchPercent: (countMatched(c, q, distance) * 100) / c.length,
  };
}

/** VPDQSignal.compare_hash's decision: both percentages at or above their thresholds. */
export function isVideoMatch(
  result: VideoMatchResult,
  thresholds: Partial<VideoMatchThresholds> = {},
): boolean {
  const { queryThreshold, comparedThreshold } = { ...DEFAULT_VIDEO_MATCH_THRESHOLDS, ...thresholds };
  return result.queryMatchPercent >= queryThreshold && result.comparedMatchPercent >= comparedThreshold;
}
