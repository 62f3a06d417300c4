/**
 * Benign videos made by ffmpeg for tests: lavfi's colour-bar test pattern with a
 * moving counter, never anything real. Tests skip, saying so, without ffmpeg.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const FFMPEG_ABSENT: string | false =
  existsSync("/usr/bin/ffmpeg") && existsSync("/usr/bin/ffprobe")
    ? false
    : "ffmpeg is not installed (apt-get install ffmpeg); video test skipped";

export type VideoContainer = "mp4" | "webm" | "mov";

/** Codec arguments each container is commonly written with (and chromium plays). */
const CODEC: Record<VideoContainer, string[]> = {
  mp4: ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "ultrafast"],
  webm: ["-c:v", "libvpx", "-b:v", "200k", "-deadline", "realtime"],
  mov: ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-preset", "ultrafast"],
};

/** `seconds` of testsrc at 160x120, 10 fps; `pattern` picks another lavfi source (e.g. "smptebars"). */
export async function generatedVideo(
  container: VideoContainer,
  seconds = 2,
  pattern = "testsrc",
): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), "vigil-test-video-"));
  try {
    const path = join(dir, `clip.${container}`);
    execFileSync("/usr/bin/ffmpeg", [
      "-nostdin",
      "-loglevel",
      "error",
      "-f",
      "lavfi",
      "-i",
      `${pattern}=size=160x120:rate=10`,
      "-t",
      String(seconds),
      ...CODEC[container],
      "-y",
      path,
    ]);
    return await readFile(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A video's first bytes (a valid ftyp box) followed by garbage: sniffed as MP4, undecodable. */
export function corruptMp4(): Buffer {
  return Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypisom"), Buffer.alloc(4000, 0x5a)]);
}
