/**
 * One frame of a video as a small PNG, for the review console's blurred preview
 * (never for hashing): decoded by the same sandboxed ffmpeg, with the same
 * protocol and demuxer whitelists, scaled down inside ffmpeg so the full-size
 * frame never leaves the subprocess. A seek past the end yields no frame; the
 * caller then asks for the first one.
 */
import { MediaError } from "../media-error.js";
import { type SandboxLimits, spawnSandboxed } from "./sandboxed-process.js";
import { toolFailure } from "./tool-failure.js";
import { DEFAULT_VPDQ_OPTIONS } from "./vpdq-options.js";

/** A PNG of at most a few kilobytes at preview sizes; anything bigger is not what was asked for. */
const MAX_PNG_BYTES = 1 << 20;

export interface StillFrameOptions {
  /** Seconds from the start. */
  atSeconds: number;
  /** The longest side of the PNG, in pixels. */
  maxSide: number;
  timeoutMs: number;
}

export function stillFrameArgs(path: string, options: StillFrameOptions): string[] {
  const side = Math.max(1, Math.trunc(options.maxSide));
  return [
    "-hide_banner",
    "-nostdin",
    "-v",
    "error",
    "-protocol_whitelist",
    "file,pipe",
    "-format_whitelist",
    DEFAULT_VPDQ_OPTIONS.formats.join(","),
    "-ss",
    options.atSeconds.toFixed(3),
    "-i",
    `file:${path}`,
    "-map",
    "0:v:0",
    "-frames:v",
    "1",
    "-vf",
    `scale=${side}:${side}:force_original_aspect_ratio=decrease`,
    "-f",
    "image2pipe",
    "-c:v",
    "png",
    "pipe:1",
  ];
}

/** The PNG, or null when there is no frame at that time. Fails with a MediaError. */
export async function stillFrame(path: string, options: StillFrameOptions): Promise<Buffer | null> {
  const limits: SandboxLimits = {
    deadline: Date.now() + options.timeoutMs,
    memoryBytes: DEFAULT_VPDQ_OPTIONS.memoryBytes,
  };
  const proc = spawnSandboxed(DEFAULT_VPDQ_OPTIONS.ffmpegPath, stillFrameArgs(path, options), limits);
  const chunks: Buffer[] = [];
  let total = 0;
  proc.stdout.on("data", (chunk: Buffer) => {
    total += chunk.length;
    if (total > MAX_PNG_BYTES) proc.kill();
    else chunks.push(chunk);
  });
  const end = await proc.outcome;
  if (total > MAX_PNG_BYTES) throw new MediaError("VideoDecodeError", "the preview frame was too large");
  const failure = toolFailure("ffmpeg", end, limits.memoryBytes);
  if (failure) throw failure;
  return total === 0 ? null : Buffer.concat(chunks);
}
