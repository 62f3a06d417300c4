/** Reads a video's first video stream's size and frame rate with ffprobe, sandboxed. */
import { MediaError } from "../media-error.js";
import { killTree, spawnSandboxed, stderrTail } from "./sandboxed-process.js";

export interface VideoInfo {
  width: number;
  height: number;
  framesPerSecond: number;
}

function rate(text: string | undefined): number {
  if (!text) return 0;
  const [n, d] = text.split("/").map(Number);
  return d ? n / d : n;
}

export async function probeVideo(path: string, timeoutMs: number, ffprobe = "ffprobe"): Promise<VideoInfo> {
  const child = spawnSandboxed(
    ffprobe,
    [
      "-v",
      "error",
      "-protocol_whitelist",
      "file",
      "-select_streams",
      "v:0",
      "-show_entries",
      "stream=width,height,avg_frame_rate,r_frame_rate",
      "-of",
      "json",
      `file:${path}`,
    ],
    { timeoutMs, memoryBytes: 1 << 30 },
  );
  const errors = stderrTail(child);
  let out = "";
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    if (out.length < 100_000) out += chunk;
  });
  const timer = setTimeout(() => killTree(child), timeoutMs);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "ENOENT"
          ? new MediaError("VideoToolMissing", "ffprobe is not installed (apt-get install ffmpeg)")
          : error,
      ),
    );
    child.on("close", resolve);
  }).finally(() => clearTimeout(timer));
  if (code !== 0)
    throw new MediaError("VideoDecodeError", `not a readable video: ${errors() || `ffprobe exit ${code}`}`);
  let streams: { width?: number; height?: number; avg_frame_rate?: string; r_frame_rate?: string }[] = [];
  try {
    streams = (JSON.parse(out) as { streams?: typeof streams }).streams ?? [];
  } catch {
    throw new MediaError("VideoDecodeError", "ffprobe gave unreadable output");
  }
  const stream = streams[0];
  if (!stream?.width || !stream.height)
    throw new MediaError("VideoDecodeError", "no video stream with a frame size");
  const framesPerSecond = rate(stream.avg_frame_rate) || rate(stream.r_frame_rate);
  if (!(framesPerSecond > 0 && framesPerSecond < 1000)) {
    throw new MediaError("VideoDecodeError", `unusable frame rate ${stream.avg_frame_rate ?? "?"}`);
  }
  return { width: stream.width, height: stream.height, framesPerSecond };
}
