/**
 * Hashes one media file from disk: images get PDQ (and dihedral variants on
 * request), videos get vPDQ frame hashes, and both get MD5 and SHA-256 of their
 * bytes. Every failure is a MediaError with a code, so a batch can go on.
 */
import { readFile } from "node:fs/promises";
import { DEFAULT_DECODE_OPTIONS, type DecodeOptions } from "./decode-image.js";
import type { ByteDigests } from "./digests.js";
import { hashImageBytes, type ImageHashes, type PdqMode } from "./hash-image.js";
import {
  DEFAULT_VIDEO_OPTIONS,
  hashVideoFile,
  type VideoFrameHash,
  type VideoHashOptions,
} from "./hash-video.js";
import { DEFAULT_MEDIA_LIMITS, inspectMedia, type MediaLimits, streamDigests } from "./read-media.js";

export interface HashFileOptions {
  mode: PdqMode;
  dihedral: boolean;
  /** The reference's bits at near-ties too, for images and video frames (pdq.ts): slower. */
  exact?: boolean;
  decode: DecodeOptions;
  video: VideoHashOptions;
  limits: MediaLimits;
}

/** Full-resolution PDQ, no dihedral variants, default limits: what a caller gets unless it asks otherwise. */
export const DEFAULT_HASH_FILE_OPTIONS: HashFileOptions = {
  mode: "full",
  dihedral: false,
  decode: DEFAULT_DECODE_OPTIONS,
  video: DEFAULT_VIDEO_OPTIONS,
  limits: DEFAULT_MEDIA_LIMITS,
};

export interface VideoHashes extends ByteDigests {
  kind: "video";
  frames: VideoFrameHash[];
}

export type MediaHashes = (ImageHashes | VideoHashes) & { size: number };

export async function hashFile(path: string, options: HashFileOptions): Promise<MediaHashes> {
  const { kind, size } = await inspectMedia(path, options.limits);
  if (kind === "image") {
    const bytes = await readFile(path);
    return { ...(await hashImageBytes(bytes, options)), size };
  }
  const [digests, frames] = await Promise.all([
    streamDigests(path),
    hashVideoFile(path, options.video, options.exact === true),
  ]);
  return { kind: "video", ...digests, frames, size };
}
