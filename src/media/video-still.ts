/**
 * A small still of a stored video for the console's blurred preview: the video's
 * bytes (already out of the vault) go to a RAM-backed scratch file for ffmpeg,
 * which is removed at once (scratch-file.ts). Where in the video comes from its
 * vPDQ, whose last timestamp is about its length, so no extra probe is needed.
 */
import { stillFrame } from "../hashing/vpdq/index.js";
import { withScratchFile } from "./scratch-file.js";

/** A strip of this many stills, each from the middle of its part of the video. */
export const STILL_PARTS = 4;
const TIMEOUT_MS = 20_000;

/** Seconds covered by a vPDQ text (the last hashed frame's timestamp). */
export function vpdqSeconds(vpdq: string | null): number {
  const last = vpdq?.trim().split("\n").at(-1);
  const seconds = Number(last?.split(",")[3]);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
}

export async function videoStill(
  bytes: Uint8Array,
  part: number,
  durationSeconds: number,
  maxSide: number,
): Promise<Buffer | null> {
  const at = (durationSeconds * (part + 0.5)) / STILL_PARTS;
  return withScratchFile(bytes, async (path) => {
    const still = await stillFrame(path, { atSeconds: at, maxSide, timeoutMs: TIMEOUT_MS });
    return still ?? (at > 0 ? stillFrame(path, { atSeconds: 0, maxSide, timeoutMs: TIMEOUT_MS }) : null);
  });
}
