/**
 * Hashes an uploaded or fetched image or video held in memory, with the same checks
 * and the same hashers as `vigil hash` on a file (src/hashing): the type is sniffed
 * from the bytes, limits apply before decoding, and every refusal is a coded MediaError.
 *
 * A video gets MD5/SHA-256 of its bytes and vPDQ (one PDQ per second, the reference's
 * default) from the sandboxed ffmpeg. ffmpeg needs a seekable file, so it reads a
 * RAM-backed scratch copy that is removed at once (scratch-file.ts); the vault stays
 * the only lasting copy. A video has no single PDQ: matching uses its vPDQ.
 */

import { declaredPixels } from "../hashing/decode-image.js";
import { byteDigests } from "../hashing/digests.js";
import { DEFAULT_HASH_FILE_OPTIONS, type HashFileOptions } from "../hashing/hash-file.js";
import { hashImageBytes, type ImageHashes } from "../hashing/hash-image.js";
import { classifyMedia } from "../hashing/read-media.js";
import { formatVpdq, hashVideo } from "../hashing/vpdq/index.js";
import type { DecodeBudget } from "./decode-budget.js";
import { withScratchFile } from "./scratch-file.js";

export type MediaHashOptions = Pick<HashFileOptions, "mode" | "decode" | "limits"> & {
  /** Wall-clock limit for decoding one video, in seconds. */
  videoTimeoutSeconds?: number;
  /** Shared by a process's decodes: bounds concurrent image decodes and their pixels (issue 17). */
  budget?: DecodeBudget;
};

export const DEFAULT_MEDIA_HASH_OPTIONS: MediaHashOptions = {
  mode: DEFAULT_HASH_FILE_OPTIONS.mode,
  decode: DEFAULT_HASH_FILE_OPTIONS.decode,
  limits: DEFAULT_HASH_FILE_OPTIONS.limits,
};

/** An upload is decoded while the client waits: far shorter than the CLI's 300 s. */
const DEFAULT_VIDEO_TIMEOUT_SECONDS = 120;

interface Sniffed {
  /** From the magic bytes, never from a file name or a Content-Type. */
  mime: string;
  /** Bytes. */
  size: number;
}

/** What Vigil records about one image: the DESIGN's Media fields plus what the decoder saw. */
export interface ImageMediaHashes extends Omit<ImageHashes, "dihedral">, Sniffed {
  vpdq: null;
}

/** What Vigil records about one video: digests and vPDQ in the reference text form. */
export interface VideoMediaHashes extends Sniffed {
  kind: "video";
  md5: string;
  sha256: string;
  /** One line per hashed frame, `frame,quality,pdqHex,seconds` (as `vigil hash --format vpdq`). */
  vpdq: string;
  /** Hashed frames. */
  frames: number;
  pdq: null;
  quality: null;
}

export type MediaHashes = ImageMediaHashes | VideoMediaHashes;

/** The sniff window read-media uses for files: enough for every signature sniff.ts knows. */
const SNIFF_BYTES = 512;

export async function hashMediaBytes(
  bytes: Uint8Array,
  options: MediaHashOptions = DEFAULT_MEDIA_HASH_OPTIONS,
): Promise<MediaHashes> {
  const { kind, mime, size } = classifyMedia(bytes.subarray(0, SNIFF_BYTES), bytes.length, options.limits);
  if (kind === "image") {
    const hash = () => hashImageBytes(bytes, { ...options, dihedral: false });
    const hashes = options.budget
      ? await options.budget.run(await declaredPixels(bytes), hash)
      : await hash();
    return { ...hashes, mime, size, vpdq: null };
  }
  const features = await withScratchFile(bytes, (path) =>
    hashVideo(path, {
      secondsPerHash: 1,
      maxBytes: options.limits.maxVideoBytes,
      timeoutMs: (options.videoTimeoutSeconds ?? DEFAULT_VIDEO_TIMEOUT_SECONDS) * 1000,
    }),
  );
  return {
    kind: "video",
    ...byteDigests(bytes),
    mime,
    size,
    vpdq: formatVpdq(features),
    frames: features.length,
    pdq: null,
    quality: null,
  };
}
