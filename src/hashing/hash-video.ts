/** Adapter from the vPDQ module to the per-file result the CLI and API print. */
import { hash256ToHex } from "./pdq/hash256.js";
import { hashVideo } from "./vpdq/hash-video.js";

export interface VideoHashOptions {
  /** Frames hashed per second of video, or every decoded frame. */
  rate: number | "every";
  /** Kill the decoder after this many seconds of wall-clock time. */
  timeoutSeconds: number;
  /** Refuse videos with more frames to hash than this. */
  maxFrames: number;
}

export const DEFAULT_VIDEO_OPTIONS: VideoHashOptions = { rate: 1, timeoutSeconds: 300, maxFrames: 100_000 };

export interface VideoFrameHash {
  frame: number;
  timestamp: number;
  pdq: string;
  quality: number;
}

export async function hashVideoFile(
  path: string,
  options: VideoHashOptions,
  exact = false,
): Promise<VideoFrameHash[]> {
  const features = await hashVideo(path, {
    exact,
    secondsPerHash: options.rate === "every" ? 0 : 1 / options.rate,
    timeoutMs: options.timeoutSeconds * 1000,
    maxFrames: options.maxFrames,
  });
  return features.map((f) => ({
    frame: f.frameNumber,
    timestamp: f.timestamp,
    pdq: hash256ToHex(f.hash),
    quality: f.quality,
  }));
}
