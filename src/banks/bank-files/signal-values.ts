/**
 * Names and value checks for the signal types banks hold, mapped both ways to
 * python-threatexchange's names (SignalType.get_name(), which HMA uses too):
 * `pdq`, `vpdq`, `video_md5` (VideoMD5Signal) and `video_sha256`
 * (VideoSHA256Signal). Vigil's md5 and sha256 match any file's bytes, so they
 * read the pytx names, the pre-1.0 `photo_md5` and the plain names, and are
 * written with the names pytx expects.
 */
import type { SignalType } from "../../store/schema.js";

const ALIASES: Record<string, SignalType> = {
  pdq: "pdq",
  vpdq: "vpdq",
  md5: "md5",
  video_md5: "md5",
  photo_md5: "md5",
  sha256: "sha256",
  "sha-256": "sha256",
  video_sha256: "sha256",
};

/** The name python-threatexchange and HMA give each type Vigil matches. */
export const PYTX_SIGNAL_NAMES: Record<SignalType, string> = {
  pdq: "pdq",
  vpdq: "vpdq",
  md5: "video_md5",
  sha256: "video_sha256",
};

/**
 * Signal types of python-threatexchange, its extensions and HMA that Vigil does
 * not match: rows of these are counted by name (or kept as metadata), never
 * silently dropped.
 */
export const UNMATCHED_PYTX_SIGNALS = new Set([
  "url",
  "url_md5",
  "raw_text",
  "trend_query",
  "text_tlsh",
  "pdq_ocr",
  "tmk_pdqf",
]);

export function signalTypeFromName(name: string): SignalType | null {
  return ALIASES[name.trim().toLowerCase()] ?? null;
}

/** A well-formed signal type name (snake case), whether or not Vigil matches it. */
export function isSignalTypeName(name: string): boolean {
  return /^[a-z][a-z0-9_-]{0,63}$/.test(name);
}

/** A name Vigil reads, or one python-threatexchange or HMA is known to use. */
export function isKnownSignalName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower in ALIASES || UNMATCHED_PYTX_SIGNALS.has(lower);
}

const HEX: Record<Exclude<SignalType, "vpdq">, number> = { pdq: 64, md5: 32, sha256: 64 };

/** The canonical (lower-case hex) value, or an error message. */
export function normaliseHashValue(
  type: Exclude<SignalType, "vpdq">,
  raw: string,
): string | { error: string } {
  const value = raw.trim().toLowerCase();
  const length = HEX[type];
  if (value.length !== length || !/^[0-9a-f]+$/.test(value)) {
    return {
      error: `not a ${type} hash (${length} hex digits expected): ${JSON.stringify(raw.slice(0, 80))}`,
    };
  }
  return value;
}
