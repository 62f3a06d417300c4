/**
 * The vPDQ video match rule of the reference (ThreatExchange vpdq/cpp
 * hashing/matchTwoHash.cpp, matchTwoHashBrute): drop frames below the quality
 * tolerance on both sides; a query frame matches when some target frame is
 * closer than the distance tolerance (strictly, as the reference compares);
 * report the percentage of query frames that match the target and of target
 * ("compared") frames that match the query. A video matches when both
 * percentages reach their thresholds.
 */
import { hammingDistance } from "../pdq/hash256.js";
import type { VpdqFeature } from "./vpdq-feature.js";

export interface VideoMatchOptions {
  distanceTolerance: number;
  qualityTolerance: number;
}

export const DEFAULT_VIDEO_MATCH: VideoMatchOptions = { distanceTolerance: 31, qualityTolerance: 50 };

export interface VideoMatchResult {
  queryMatchPercent: number;
  comparedMatchPercent: number;
}

export interface VideoMatchThresholds {
  queryPercent: number;
  comparedPercent: number;
}

/** python-threatexchange's defaults for declaring a video match. */
export const DEFAULT_VIDEO_THRESHOLDS: VideoMatchThresholds = { queryPercent: 80, comparedPercent: 0 };

function countMatched(from: VpdqFeature[], to: VpdqFeature[], tolerance: number): number {
  let matched = 0;
  for (const a of from) {
    for (const b of to) {
      if (hammingDistance(a.hash, b.hash) < tolerance) {
        matched++;
        break;
      }
    }
  }
  return matched;
}

export function matchVideos(
  query: VpdqFeature[],
  target: VpdqFeature[],
  options: VideoMatchOptions = DEFAULT_VIDEO_MATCH,
): VideoMatchResult {
  const q = query.filter((f) => f.quality >= options.qualityTolerance);
  const t = target.filter((f) => f.quality >= options.qualityTolerance);
  if (q.length === 0 || t.length === 0) return { queryMatchPercent: 0, comparedMatchPercent: 0 };
  return {
    queryMatchPercent: (countMatched(q, t, options.distanceTolerance) * 100) / q.length,
    comparedMatchPercent: (countMatched(t, q, options.distanceTolerance) * 100) / t.length,
  };
}

export function isVideoMatch(
  result: VideoMatchResult,
  thresholds: VideoMatchThresholds = DEFAULT_VIDEO_THRESHOLDS,
): boolean {
  return (
    result.queryMatchPercent >= thresholds.queryPercent &&
    result.comparedMatchPercent >= thresholds.comparedPercent
  );
}
