/**
 * The ffmpeg command line that turns a video into the RGB24 frames the reference
 * hashes, and the frame geometry it produces. Pure: no I/O.
 *
 * The reference (ThreatExchange vpdq/cpp/vpdq/cpp/hashing/ffmpegwrapper.cpp and
 * filehasher.cpp) decodes the first video stream, counts every decoded frame, and
 * converts the selected ones with a single swscale context: decoder size and pixel
 * format -> width x height (the stream's, or the `-s` downsample size) in RGB24,
 * SWS_AREA, with swscale's default colour handling: BT.601 coefficients, limited range
 * unless the decoder's pixel format is a "yuvj" (full-range) one. The filter chain
 * below asks ffmpeg's scale filter for exactly that, because left alone it would pick
 * bicubic and read the matrix and range from the stream's tags.
 */
import { frameModulus } from "./frame-selection.js";
import type { VideoInfo } from "./probe.js";
import type { VpdqOptions } from "./vpdq-options.js";

export interface DecodePlan {
  /** Size of the frames handed to PDQ. */
  width: number;
  height: number;
  /** Hash decoded frame n when n % modulus == 0. */
  modulus: number;
  framesPerSecond: number;
  /** Bytes of one RGB24 frame. */
  frameBytes: number;
}

export function planDecode(info: VideoInfo, options: VpdqOptions): DecodePlan {
  // As hashVideoFile(): a downsample dimension replaces the stream's only when > 0.
  const width = options.downsampleWidth > 0 ? options.downsampleWidth : info.width;
  const height = options.downsampleHeight > 0 ? options.downsampleHeight : info.height;
  return {
    width,
    height,
    modulus: frameModulus(options.secondsPerHash, info.framesPerSecond),
    framesPerSecond: info.framesPerSecond,
    frameBytes: width * height * 3,
  };
}

/** swscale's srcRange as sws_getContext sets it: full only for the yuvj formats (handle_jpeg). */
function inputRange(pixelFormat: string): "pc" | "tv" {
  return pixelFormat.startsWith("yuvj") ? "pc" : "tv";
}

export function videoFilter(plan: DecodePlan, pixelFormat: string): string {
  const filters: string[] = [];
  // select's n counts the frames the decoder hands over, from 0, like the reference's
  // frame number; skipping the others here saves converting them.
  if (plan.modulus > 1) filters.push(`select=not(mod(n\\,${plan.modulus}))`);
  filters.push(
    `scale=w=${plan.width}:h=${plan.height}:flags=area:in_color_matrix=bt601:in_range=${inputRange(pixelFormat)}`,
  );
  filters.push("format=rgb24");
  return filters.join(",");
}

export interface DecodeArgsInput {
  /** Absolute path of a checked regular file. */
  path: string;
  pixelFormat: string;
  plan: DecodePlan;
  /** ffmpeg stops by itself after this many output frames. */
  frameLimit: number;
  decoderThreads: number;
  formats: readonly string[];
}

export function decodeArgs(input: DecodeArgsInput): string[] {
  return [
    "-nostdin",
    "-hide_banner",
    "-nostats",
    "-loglevel",
    "error",
    // input options
    "-threads",
    String(input.decoderThreads),
    "-protocol_whitelist",
    "file,pipe",
    "-format_whitelist",
    input.formats.join(","),
    "-noautorotate", // the reference ignores rotation metadata
    "-i",
    `file:${input.path}`,
    // output options
    "-map",
    "0:v:0", // the first video stream, as the reference takes it
    "-an",
    "-sn",
    "-dn",
    "-vf",
    videoFilter(input.plan, input.pixelFormat),
    // every frame out as it came in: no duplicates or drops to reach a constant rate
    "-fps_mode",
    "passthrough",
    "-frames:v",
    String(input.frameLimit),
    "-f",
    "rawvideo",
    "-pix_fmt",
    "rgb24",
    "pipe:1",
  ];
}
