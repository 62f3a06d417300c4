/**
 * Opens one media file for hashing with the limits an untrusted upload needs:
 * it must exist, be a regular file, not be empty, not exceed the size limit for its
 * kind, and look like an image or a video by its first bytes.
 */

import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import type { ByteDigests } from "./digests.js";
import { MediaError } from "./media-error.js";
import { type MediaKind, sniffMedia } from "./sniff.js";

export interface MediaLimits {
  maxImageBytes: number;
  maxVideoBytes: number;
}

export const DEFAULT_MEDIA_LIMITS: MediaLimits = {
  maxImageBytes: 128 * 1024 * 1024,
  maxVideoBytes: 4 * 1024 * 1024 * 1024,
};

export interface OpenedMedia {
  kind: Exclude<MediaKind, "unknown">;
  /** The media type announced by the magic bytes (not by a name or a header). */
  mime: string;
  size: number;
}

function systemErrorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

export async function inspectMedia(
  path: string,
  limits: MediaLimits = DEFAULT_MEDIA_LIMITS,
): Promise<OpenedMedia> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new MediaError("NotAFile", "not a regular file");
    size = info.size;
  } catch (error) {
    if (error instanceof MediaError) throw error;
    const code = systemErrorCode(error);
    if (code === "ENOENT") throw new MediaError("NotFound", "no such file");
    throw new MediaError("NotFound", `cannot read file (${code ?? String(error)})`);
  }
  // An empty file reads as an empty head; classifyMedia refuses it.
  const head = Buffer.alloc(Math.min(size, 512));
  const handle = await open(path, "r");
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  return classifyMedia(head, size, limits);
}

/**
 * The checks every untrusted input gets, whether it came from a file or from an
 * upload held in memory: not empty, an image or video by its first bytes, and
 * within the byte limit for its kind. `head` is at least the first 512 bytes
 * (or all of them when shorter); `size` is the whole input's length.
 */
export function classifyMedia(head: Uint8Array, size: number, limits: MediaLimits): OpenedMedia {
  if (size === 0) throw new MediaError("EmptyFile", "file is empty (0 bytes)");
  const { kind, mime } = sniffMedia(head);
  if (kind === "unknown" || mime === undefined) {
    throw new MediaError(
      "UnsupportedFormat",
      "not an image or video format Vigil can read (checked by content, not name)",
    );
  }
  const limit = kind === "image" ? limits.maxImageBytes : limits.maxVideoBytes;
  if (size > limit)
    throw new MediaError("FileTooLarge", `${kind} of ${size} bytes is over the limit of ${limit} bytes`);
  return { kind, mime, size };
}

/** MD5 and SHA-256 of a file read as a stream, for videos too large to hold in memory. */
export async function streamDigests(path: string): Promise<ByteDigests> {
  const md5 = createHash("md5");
  const sha256 = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    md5.update(chunk as Buffer);
    sha256.update(chunk as Buffer);
  }
  return { md5: md5.digest("hex"), sha256: sha256.digest("hex") };
}
