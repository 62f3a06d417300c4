/**
 * The limits on one video, checked twice: on what the headers claim before decoding
 * starts, and on every frame while decoding, because headers can lie in either
 * direction (a huge duration, or none for a stream that never ends).
 */
import { MediaError } from "../media-error.js";
import type { DecodePlan } from "./decode-args.js";
import type { VideoInfo } from "./probe.js";
import type { VpdqOptions } from "./vpdq-options.js";

/** The reference refuses to hash frames smaller than this (pdqbufferhasher.cpp, MIN_HASHABLE_DIM). */
export const MIN_HASHABLE_DIMENSION = 5;

type Limits = Pick<VpdqOptions, "maxFrames" | "maxSeconds" | "maxFramePixels">;

export function checkBeforeDecoding(info: VideoInfo, plan: DecodePlan, limits: Limits): void {
  for (const [what, w, h] of [
    ["video frame", info.width, info.height],
    ["scaled frame", plan.width, plan.height],
  ] as const) {
    if (w * h > limits.maxFramePixels) {
      throw new MediaError(
        "VideoDecodeError",
        `${what} of ${w}x${h} is over the limit of ${limits.maxFramePixels} pixels`,
      );
    }
  }
  if (plan.width < MIN_HASHABLE_DIMENSION || plan.height < MIN_HASHABLE_DIMENSION) {
    // The reference fails the whole video here ("smaller than the minimum hashable dimension").
    throw new MediaError("VideoDecodeError", `frames of ${plan.width}x${plan.height} are too small to hash`);
  }
  if (info.durationSeconds !== null && info.durationSeconds > limits.maxSeconds) {
    throw new MediaError(
      "VideoTooLong",
      `video claims ${info.durationSeconds} s, over the limit of ${limits.maxSeconds} s`,
    );
  }
}

/** Called for the index-th hashed frame (from 0), before hashing it. */
export function checkFrame(index: number, frameNumber: number, plan: DecodePlan, limits: Limits): void {
  if (index >= limits.maxFrames) {
    throw new MediaError("VideoTooLong", `video has more than ${limits.maxFrames} frames to hash`);
  }
  if (frameNumber / plan.framesPerSecond > limits.maxSeconds) {
    throw new MediaError("VideoTooLong", `video runs past the limit of ${limits.maxSeconds} s`);
  }
}
