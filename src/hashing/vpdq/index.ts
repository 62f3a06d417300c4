/** The vPDQ module's public API; other modules import from here. */
export { frameModulus, frameTimestamp } from "./frame-selection.js";
export { hashVideo, vpdqFeatures } from "./hash-video.js";
export {
  type BylineOptions,
  type BylineResult,
  DEFAULT_BYLINE_OPTIONS,
  matchByline,
} from "./match-byline.js";
export {
  DEFAULT_VIDEO_MATCH_OPTIONS,
  DEFAULT_VIDEO_MATCH_THRESHOLDS,
  dedupeFeatures,
  isVideoMatch,
  type MatchableFeature,
  matchVideos,
  type VideoMatchOptions,
  type VideoMatchResult,
  type VideoMatchThresholds,
} from "./match-videos.js";
export { type StillFrameOptions, stillFrame } from "./still-frame.js";
export { formatVpdq, formatVpdqLine, parseVpdq, type VpdqFeature, VpdqFormatError } from "./vpdq-feature.js";
export { DEFAULT_VIDEO_FORMATS, DEFAULT_VPDQ_OPTIONS, type VpdqOptions } from "./vpdq-options.js";
