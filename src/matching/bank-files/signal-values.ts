/**
 * Names and value checks for the signal types banks hold. Names follow
 * python-threatexchange (pdq, vpdq, video_md5/photo_md5) so its CSV exports import
 * as they are.
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
};

export function signalTypeFromName(name: string): SignalType | null {
  return ALIASES[name.trim().toLowerCase()] ?? null;
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
