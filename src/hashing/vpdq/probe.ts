/**
 * What the reference reads from a video before decoding it (ThreatExchange
 * vpdq/cpp/vpdq/cpp/hashing/ffmpegwrapper.cpp, FFmpegVideo): the first video stream's
 * width and height (codec parameters) and its frame rate, avg_frame_rate or, when that
 * is 0, r_frame_rate. Read with ffprobe under the same sandbox as the decoder, plus
 * the decoder's pixel format (for the colour range, see decode-args.ts) and the
 * duration the headers claim (for the length limit).
 */
import { MediaError } from "../media-error.js";
import { type SandboxLimits, spawnSandboxed } from "./sandboxed-process.js";
import { toolFailure } from "./tool-failure.js";

export interface VideoInfo {
  width: number;
  height: number;
  framesPerSecond: number;
  /** The decoder's output pixel format, e.g. "yuv420p"; "" when ffprobe does not say. */
  pixelFormat: string;
  /** Seconds the stream (else the container) header claims; null when it claims none. */
  durationSeconds: number | null;
  /** The demuxer ffprobe used, e.g. "mov,mp4,m4a,3gp,3g2,mj2". */
  formatName: string;
}

const MAX_OUTPUT = 1 << 20;

function rational(text: unknown): number {
  if (typeof text !== "string") return 0;
  const [num, den = "1"] = text.split("/");
  const value = Number(num) / Number(den);
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function seconds(text: unknown): number | null {
  const value = typeof text === "string" ? Number(text) : Number.NaN;
  return Number.isFinite(value) && value >= 0 ? value : null;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** VideoInfo from ffprobe's JSON; exported for tests. */
export function parseProbeJson(json: string): VideoInfo {
  let parsed: Record<string, unknown>;
  try {
    parsed = record(JSON.parse(json));
  } catch {
    throw new MediaError("VideoDecodeError", "ffprobe gave unreadable output");
  }
  const streams = Array.isArray(parsed.streams) ? parsed.streams : [];
  const stream = record(streams[0]);
  const format = record(parsed.format);
  if (streams.length === 0) throw new MediaError("VideoDecodeError", "no video stream in the file");
  const width = stream.width;
  const height = stream.height;
  if (typeof width !== "number" || typeof height !== "number" || !(width > 0) || !(height > 0)) {
    throw new MediaError("VideoDecodeError", "the video stream has no frame size"); // reference: "Width or height equals 0"
  }
  const framesPerSecond = rational(stream.avg_frame_rate) || rational(stream.r_frame_rate);
  if (framesPerSecond === 0) {
    throw new MediaError("VideoDecodeError", "the video stream has no frame rate"); // reference: "framerate ... zero"
  }
  return {
    width,
    height,
    framesPerSecond,
    pixelFormat: typeof stream.pix_fmt === "string" ? stream.pix_fmt : "",
    durationSeconds: seconds(stream.duration) ?? seconds(format.duration),
    formatName: typeof format.format_name === "string" ? format.format_name : "",
  };
}

export function probeArgs(path: string, formats: readonly string[]): string[] {
  return [
    "-hide_banner",
    "-v",
    "error",
    "-protocol_whitelist",
    "file,pipe",
    "-format_whitelist",
    formats.join(","),
    "-select_streams",
    "v:0", // the first video stream, as the reference takes it
    "-show_entries",
    "stream=width,height,pix_fmt,avg_frame_rate,r_frame_rate,duration:format=format_name,duration",
    "-of",
    "json",
    `file:${path}`,
  ];
}

export async function probeVideo(
  ffprobePath: string,
  path: string,
  formats: readonly string[],
  limits: SandboxLimits,
): Promise<VideoInfo> {
  const proc = spawnSandboxed(ffprobePath, probeArgs(path, formats), limits);
  let out = "";
  proc.stdout.setEncoding("utf8");
  proc.stdout.on("data", (text: string) => {
    out += text;
    if (out.length > MAX_OUTPUT) proc.kill();
  });
  const end = await proc.outcome;
  if (out.length > MAX_OUTPUT) throw new MediaError("VideoDecodeError", "ffprobe printed too much");
  const failure = toolFailure("ffprobe", end, limits.memoryBytes);
  if (failure) throw failure;
  return parseProbeJson(out);
}
