/**
 * RGB24 frames from a sandboxed ffmpeg, one at a time. The consumer's pace is the
 * decoder's pace: while a frame is being hashed nothing is read, the pipe fills and
 * ffmpeg blocks, so memory holds one frame and a pipe buffer whatever the video's
 * length. Ending the iteration early (break, throw) kills ffmpeg and waits for it.
 */
import { MediaError } from "../media-error.js";
import { type SandboxLimits, spawnSandboxed } from "./sandboxed-process.js";
import { toolFailure } from "./tool-failure.js";

/**
 * Yields each frame in one reused buffer of `frameBytes` bytes: read it before
 * asking for the next one. Throws a MediaError when ffmpeg fails or times out.
 */
export async function* rgbFrames(
  ffmpegPath: string,
  args: readonly string[],
  frameBytes: number,
  limits: SandboxLimits,
): AsyncGenerator<Uint8Array, void, undefined> {
  const proc = spawnSandboxed(ffmpegPath, args, limits);
  try {
    const frame = new Uint8Array(frameBytes);
    let filled = 0;
    for await (const chunk of proc.stdout as AsyncIterable<Buffer>) {
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(frameBytes - filled, chunk.length - offset);
        frame.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === frameBytes) {
          filled = 0;
          yield frame;
        }
      }
    }
    const end = await proc.outcome;
    const failure = toolFailure("ffmpeg", end, limits.memoryBytes);
    if (failure) throw failure;
    if (filled !== 0) throw new MediaError("VideoDecodeError", "ffmpeg stopped in the middle of a frame");
  } finally {
    proc.kill();
    await proc.outcome;
  }
}
