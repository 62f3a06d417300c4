/**
 * Hashes an uploaded or fetched image held in memory, with the same checks and the
 * same decoder as `vigil hash` on a file (src/hashing): the type is sniffed from the
 * bytes, limits apply before decoding, and every refusal is a coded MediaError.
 *
 * Videos are refused here (UnsupportedFormat): vPDQ runs ffmpeg on a file, and
 * writing evidence to disk in plaintext for it is exactly what the vault exists to
 * avoid. Video intake needs ffmpeg fed from memory; until then, a platform can send
 * a video's precomputed hashes instead.
 */
import { DEFAULT_HASH_FILE_OPTIONS, type HashFileOptions } from "../hashing/hash-file.js";
import { hashImageBytes, type ImageHashes } from "../hashing/hash-image.js";
import { MediaError } from "../hashing/media-error.js";
import { classifyMedia } from "../hashing/read-media.js";

export type MediaHashOptions = Pick<HashFileOptions, "mode" | "decode" | "limits">;

export const DEFAULT_MEDIA_HASH_OPTIONS: MediaHashOptions = {
  mode: DEFAULT_HASH_FILE_OPTIONS.mode,
  decode: DEFAULT_HASH_FILE_OPTIONS.decode,
  limits: DEFAULT_HASH_FILE_OPTIONS.limits,
};

/** What Vigil records about one image: the DESIGN's Media fields plus what the decoder saw. */
export interface MediaHashes extends Omit<ImageHashes, "dihedral"> {
  /** From the magic bytes, never from a file name or a Content-Type. */
  mime: string;
  /** Bytes. */
  size: number;
}

/** The sniff window read-media uses for files: enough for every signature sniff.ts knows. */
const SNIFF_BYTES = 512;

export async function hashMediaBytes(
  bytes: Uint8Array,
  options: MediaHashOptions = DEFAULT_MEDIA_HASH_OPTIONS,
): Promise<MediaHashes> {
  const { kind, mime, size } = classifyMedia(bytes.subarray(0, SNIFF_BYTES), bytes.length, options.limits);
  if (kind !== "image") {
    throw new MediaError(
      "UnsupportedFormat",
      `${mime} is a video; only images are accepted here (send a video's hashes instead)`,
    );
  }
  const hashes = await hashImageBytes(bytes, { ...options, dihedral: false });
  return { ...hashes, mime, size };
}
