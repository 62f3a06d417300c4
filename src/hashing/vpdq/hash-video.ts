/**
 * vPDQ of a video file: the reference's frames (ThreatExchange vpdq/cpp, see
 * frame-selection.ts and decode-args.ts) decoded by a sandboxed ffmpeg, each hashed
 * with PDQ as it arrives. Nothing but the features and one frame is held in memory.
 */
import { MediaError } from "../media-error.js";
import { pdqFromPixels } from "../pdq/pdq.js";
import { decodeArgs, planDecode } from "./decode-args.js";
import { frameTimestamp, hashedFrameNumber } from "./frame-selection.js";
import { rgbFrames } from "./frame-source.js";
import { checkInputFile } from "./input-file.js";
import { probeVideo } from "./probe.js";
import { requireTool, type SandboxLimits } from "./sandboxed-process.js";
import { checkBeforeDecoding, checkFrame } from "./video-limits.js";
import type { VpdqFeature } from "./vpdq-feature.js";
import { resolveVpdqOptions, type VpdqOptions } from "./vpdq-options.js";

export { frameModulus } from "./frame-selection.js";

/**
 * The features of a video in frame order, as they are hashed. Fails with a MediaError
 * (NotFound, NotAFile, EmptyFile, FileTooLarge, UnsupportedFormat, VideoDecodeError,
 * VideoTooLong, VideoTimeout, VideoToolMissing); bad options throw RangeError.
 */
export async function* vpdqFeatures(
  path: string,
  options: Partial<VpdqOptions> = {},
): AsyncGenerator<VpdqFeature, void, undefined> {
  const opts = resolveVpdqOptions(options);
  const limits: SandboxLimits = { deadline: Date.now() + opts.timeoutMs, memoryBytes: opts.memoryBytes };
  const input = await checkInputFile(path, opts.maxBytes);
  await requireTool(opts.ffprobePath);
  await requireTool(opts.ffmpegPath);
  const info = await probeVideo(opts.ffprobePath, input.path, opts.formats, limits);
  const plan = planDecode(info, opts);
  checkBeforeDecoding(info, plan, opts);
  const args = decodeArgs({
    path: input.path,
    pixelFormat: info.pixelFormat,
    plan,
    frameLimit: opts.maxFrames + 1, // one more than allowed, so going over is seen
    decoderThreads: opts.decoderThreads,
    formats: opts.formats,
  });
  let index = 0;
  for await (const pixels of rgbFrames(opts.ffmpegPath, args, plan.frameBytes, limits)) {
    if (Date.now() > limits.deadline)
      throw new MediaError("VideoTimeout", "video processing passed its time limit");
    const frameNumber = hashedFrameNumber(index, plan.modulus);
    checkFrame(index, frameNumber, plan, opts);
    const { hash, quality } = pdqFromPixels(
      { pixels, width: plan.width, height: plan.height, channels: 3 },
      opts.exact,
    );
    yield { frameNumber, quality, hash, timestamp: frameTimestamp(frameNumber, plan.framesPerSecond) };
    index++;
  }
  if (index === 0) {
    // The reference would write an empty hash list; an empty list can never match, so say so.
    throw new MediaError("VideoDecodeError", "no frames could be decoded");
  }
}

/** All features of a video; see vpdqFeatures. */
export async function hashVideo(path: string, options: Partial<VpdqOptions> = {}): Promise<VpdqFeature[]> {
  const features: VpdqFeature[] = [];
  for await (const feature of vpdqFeatures(path, options)) features.push(feature);
  return features;
}
