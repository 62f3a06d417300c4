/**
 * vPDQ of a video file: frames decoded by ffmpeg as a sandboxed subprocess,
 * streamed as RGB24 and hashed one by one with PDQ, never holding the video in
 * memory. Frame selection follows the reference (ThreatExchange vpdq/cpp
 * hashing/filehasher.cpp): with s seconds per hash and f frames per second, frame
 * n is hashed when n mod floor(s * f) = 0 (every frame when that is 0); its
 * timestamp is n / f.
 */
import { MediaError } from "../media-error.js";
import { pdqFromPixels } from "../pdq/pdq.js";
import { probeVideo } from "./probe.js";
import { killTree, spawnSandboxed, stderrTail } from "./sandboxed-process.js";
import type { VpdqFeature } from "./vpdq-feature.js";

export interface VpdqOptions {
  /** Seconds of video per hashed frame; 0 hashes every frame. */
  secondsPerHash: number;
  /** Wall-clock limit for decoding the whole video. */
  timeoutMs: number;
  /** Refuse (and stop decoding) a video with more frames to hash than this. */
  maxFrames: number;
  /** Address-space limit for ffmpeg. */
  memoryBytes: number;
  ffmpeg: string;
  ffprobe: string;
}

export const DEFAULT_VPDQ_OPTIONS: VpdqOptions = {
  secondsPerHash: 1,
  timeoutMs: 300_000,
  maxFrames: 100_000,
  memoryBytes: 2 * 1024 ** 3,
  ffmpeg: "ffmpeg",
  ffprobe: "ffprobe",
};

export function frameModulus(secondsPerHash: number, framesPerSecond: number): number {
  return Math.max(1, Math.trunc(secondsPerHash * framesPerSecond));
}

export async function hashVideo(path: string, options: Partial<VpdqOptions> = {}): Promise<VpdqFeature[]> {
  const opts = { ...DEFAULT_VPDQ_OPTIONS, ...options };
  const started = Date.now();
  const info = await probeVideo(path, opts.timeoutMs, opts.ffprobe);
  const modulus = frameModulus(opts.secondsPerHash, info.framesPerSecond);
  const frameBytes = info.width * info.height * 3;
  const child = spawnSandboxed(
    opts.ffmpeg,
    [
      "-nostdin",
      "-hide_banner",
      "-loglevel",
      "error",
      "-protocol_whitelist",
      "file",
      "-noautorotate",
      "-i",
      `file:${path}`,
      "-map",
      "0:v:0",
      "-an",
      "-sn",
      "-dn",
      "-vf",
      `select=not(mod(n\\,${modulus}))`,
      "-fps_mode",
      "passthrough",
      "-frames:v",
      String(opts.maxFrames + 1),
      "-f",
      "rawvideo",
      "-pix_fmt",
      "rgb24",
      "pipe:1",
    ],
    { timeoutMs: opts.timeoutMs, memoryBytes: opts.memoryBytes },
  );
  const errors = stderrTail(child);
  const features: VpdqFeature[] = [];
  let failure: MediaError | null = null;
  const remaining = Math.max(1, opts.timeoutMs - (Date.now() - started));
  const timer = setTimeout(() => {
    failure = new MediaError("VideoTimeout", `video decoding took longer than ${opts.timeoutMs} ms`);
    killTree(child);
  }, remaining);

  let frame = Buffer.allocUnsafe(frameBytes);
  let filled = 0;
  const takeFrame = () => {
    const frameNumber = features.length * modulus;
    const { hash, quality } = pdqFromPixels({
      pixels: frame,
      width: info.width,
      height: info.height,
      channels: 3,
    });
    features.push({ frameNumber, quality, hash, timestamp: frameNumber / info.framesPerSecond });
    filled = 0;
    if (features.length > opts.maxFrames && !failure) {
      failure = new MediaError("VideoTooLong", `video has more than ${opts.maxFrames} frames to hash`);
      killTree(child);
    }
  };
  child.stdout?.on("data", (chunk: Buffer) => {
    let offset = 0;
    while (offset < chunk.length && !failure) {
      const take = Math.min(frameBytes - filled, chunk.length - offset);
      chunk.copy(frame, filled, offset, offset + take);
      filled += take;
      offset += take;
      if (filled === frameBytes) takeFrame();
    }
  });

  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "ENOENT"
          ? new MediaError("VideoToolMissing", "ffmpeg is not installed (apt-get install ffmpeg)")
          : error,
      ),
    );
    child.on("close", (exitCode) => resolve(exitCode));
  }).finally(() => {
    clearTimeout(timer);
    killTree(child);
    frame = Buffer.alloc(0);
  });
  if (failure) throw failure;
  if (code !== 0)
    throw new MediaError(
      "VideoDecodeError",
      `video could not be decoded: ${errors() || `ffmpeg exit ${code}`}`,
    );
  if (features.length === 0)
    throw new MediaError("VideoDecodeError", `no frames could be decoded${errors() ? `: ${errors()}` : ""}`);
  return features;
}
