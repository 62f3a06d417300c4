/**
 * Banked videos (vPDQ frame lists) and the question "which of them does this
 * video match?" under python-threatexchange's rule (matchVideos, isVideoMatch
 * in hashing/vpdq).
 *
 * Comparing a query with every banked video costs query frames x all banked
 * frames. Instead every banked frame goes into one PDQ multi-index, and only
 * videos with at least one frame within the distance of a usable query frame
 * are compared in full. That is exact whenever the query threshold is above
 * 0%: a video none of whose frames is near a usable query frame has a query
 * match of 0%. With a 0% query threshold every video is compared.
 */
import {
  DEFAULT_VIDEO_MATCH_OPTIONS,
  DEFAULT_VIDEO_MATCH_THRESHOLDS,
  isVideoMatch,
  type MatchableFeature,
  matchVideos,
  type VideoMatchOptions,
  type VideoMatchThresholds,
} from "../hashing/vpdq/index.js";
import { checkEntryId } from "./index-types.js";
import { PdqMultiIndex } from "./multi-index.js";
import { PDQ_WORDS, packHash256 } from "./pdq-words.js";

export interface VideoMatch {
  entryId: number;
  queryMatchPercent: number;
  comparedMatchPercent: number;
}

export class VideoIndex {
  private readonly videos = new Map<number, readonly MatchableFeature[]>();
  /** Frame index, rebuilt on the first match after additions (banks load in bulk). */
  private frames: PdqMultiIndex | null = null;
  /** frame id (position in the build) -> entry id of its video. */
  private frameOwners = new Float64Array(0);

  get size(): number {
    return this.videos.size;
  }

  /** Adds (or replaces) a banked video by its entry id. */
  add(entryId: number, features: readonly MatchableFeature[]): void {
    checkEntryId(entryId);
    this.videos.set(entryId, features);
    this.frames = null;
  }

  /**
   * Every banked video the query matches, by the reference rule with these
   * options and thresholds, best query match first (then compared, then id).
   */
  match(
    query: readonly MatchableFeature[],
    options: Partial<VideoMatchOptions> = {},
    thresholds: Partial<VideoMatchThresholds> = {},
  ): VideoMatch[] {
    const rule = { ...DEFAULT_VIDEO_MATCH_OPTIONS, ...options };
    const decide = { ...DEFAULT_VIDEO_MATCH_THRESHOLDS, ...thresholds };
    const candidates = decide.queryThreshold > 0 ? this.candidates(query, rule) : [...this.videos.keys()];
    const out: VideoMatch[] = [];
    for (const entryId of candidates) {
      const result = matchVideos(query, this.videos.get(entryId)!, rule);
      if (isVideoMatch(result, decide)) out.push({ entryId, ...result });
    }
    return out.sort(
      (a, b) =>
        b.queryMatchPercent - a.queryMatchPercent ||
        b.comparedMatchPercent - a.comparedMatchPercent ||
        a.entryId - b.entryId,
    );
  }

  /** Videos with a frame within rule.distance of a query frame of quality >= rule.quality. */
  private candidates(query: readonly MatchableFeature[], rule: VideoMatchOptions): number[] {
    const frames = this.frameIndex();
    const found = new Set<number>();
    const words = new Int32Array(PDQ_WORDS);
    for (const feature of query) {
      if (feature.quality < rule.quality) continue;
      packHash256(feature.hash, words, 0);
      for (const m of frames.searchWords(words, rule.distance)) found.add(this.frameOwners[m.id]);
    }
    return [...found];
  }

  private frameIndex(): PdqMultiIndex {
    if (this.frames) return this.frames;
    let total = 0;
    for (const features of this.videos.values()) total += features.length;
    const words = new Int32Array(total * PDQ_WORDS);
    const ids = new Float64Array(total);
    this.frameOwners = new Float64Array(total);
    let n = 0;
    for (const [entryId, features] of this.videos) {
      for (const feature of features) {
        packHash256(feature.hash, words, n * PDQ_WORDS);
        ids[n] = n;
        this.frameOwners[n] = entryId;
        n++;
      }
    }
    this.frames = PdqMultiIndex.fromWords(ids, words);
    return this.frames;
  }
}
