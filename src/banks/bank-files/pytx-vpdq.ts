/**
 * vPDQ as python-threatexchange and HMA carry it in a `signal_str`: a JSON list
 * of "pdqHex,quality,timestamp" strings, the timestamp as Python's `.3` format
 * prints it (VPDQSignal, vpdq_util.vpdq_to_json), and no frame numbers. Vigil
 * keeps a video as the reference text (`frameNumber,quality,pdqHex,seconds`
 * lines), so frames read from pytx are numbered in order, and each timestamp is
 * kept exactly enough to print the pytx text again.
 */
import { createHash } from "node:crypto";
import { formatPythonPrecision3 } from "./python-float.js";

export interface VpdqPayload {
  /** Frame lines in the reference text form, "\n"-joined. */
  payload: string;
  /** SHA-256 of the payload: the entry's identity in its bank. */
  value: string;
  frames: number;
}

const HASH = /^[0-9a-fA-F]{64}$/;
const QUALITY = /^\d{1,3}$/;
const SECONDS = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Bigger lists are refused before parsing: 24 hours at one frame a second is 86,400 frames. */
const MAX_SIGNAL_CHARS = 64 * 1024 * 1024;

/** Three decimals when that is exact (the reference text's form), else the shortest exact form. */
function formatSeconds(seconds: number): string {
  const fixed = seconds.toFixed(3);
  return Number(fixed) === seconds ? fixed : String(seconds);
}

export function payloadFromFrameLines(lines: string[]): VpdqPayload {
  const payload = lines.join("\n");
  return { payload, value: createHash("sha256").update(payload).digest("hex"), frames: lines.length };
}

/**
 * A frame for an error message. Only strings and scalars are written out: a
 * list nested thousands deep overflows the stack in JSON.stringify (issue 17's fuzzing).
 */
function shown(item: unknown): string {
  if (typeof item === "string") return JSON.stringify(item.slice(0, 120));
  if (Array.isArray(item)) return "a JSON list";
  if (item !== null && typeof item === "object") return "a JSON object";
  return String(item);
}

/** The pytx JSON list as a Vigil payload, or an error saying which frame is wrong. */
export function vpdqFromPytxJson(signal: string): VpdqPayload | { error: string } {
  if (signal.length > MAX_SIGNAL_CHARS)
    return { error: `vpdq signal is over ${MAX_SIGNAL_CHARS} characters` };
  let list: unknown;
  try {
    list = JSON.parse(signal);
  } catch (error) {
    return { error: `vpdq signal is not JSON: ${(error as Error).message}` };
  }
  if (!Array.isArray(list)) return { error: 'vpdq signal must be a JSON list of "pdqHex,quality,timestamp"' };
  if (list.length === 0) return { error: "vpdq signal has no frames" };
  const lines: string[] = [];
  for (const [i, item] of list.entries()) {
    const parts = typeof item === "string" ? item.split(",") : [];
    const [hash, quality, seconds] = parts.map((p) => p.trim());
    if (
      parts.length !== 3 ||
      !HASH.test(hash) ||
      !QUALITY.test(quality) ||
      Number(quality) > 100 ||
      !SECONDS.test(seconds) ||
      !Number.isFinite(Number(seconds))
    ) {
      return {
        error: `vpdq frame ${i}: not "pdqHex,quality,timestamp": ${shown(item)}`,
      };
    }
    lines.push(`${i},${Number(quality)},${hash.toLowerCase()},${formatSeconds(Number(seconds))}`);
  }
  return payloadFromFrameLines(lines);
}

/** A Vigil payload as pytx's JSON list (json.dumps' default ", " separator, as pytx writes it). */
export function pytxJsonFromPayload(payload: string): string {
  const frames = payload
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const [, quality, hash, seconds] = line.trim().split(",");
      return JSON.stringify(`${hash},${Number(quality)},${formatPythonPrecision3(Number(seconds))}`);
    });
  return `[${frames.join(", ")}]`;
}
