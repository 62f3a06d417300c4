/**
 * The demo's one video: ffmpeg's colour-bar test pattern (lavfi `testsrc2`), made
 * at start-up rather than shipped, so the repository holds no video file and the
 * demo shows the console's video handling. Benign by construction. Without
 * ffmpeg there is no demo video (the caller says so) and the rest of the demo runs.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";

const FFMPEG = "/usr/bin/ffmpeg";

/** A 4-second 320x240 WebM (VP8, plays in every browser), or the reason there is none. */
export function demoVideo(): Promise<{ bytes: Buffer } | { skipped: string }> {
  if (!existsSync(FFMPEG)) return Promise.resolve({ skipped: `${FFMPEG} is not installed` });
  const args = [
    "-nostdin",
    "-loglevel",
    "error",
    "-f",
    "lavfi",
    "-i",
    "testsrc2=size=320x240:rate=10",
    "-t",
    "4",
    "-c:v",
    "libvpx",
    "-b:v",
    "300k",
    "-deadline",
    "realtime",
    "-f",
    "webm",
    "pipe:1",
  ];
  return new Promise((resolve) => {
    execFile(
      FFMPEG,
      args,
      { encoding: "buffer", timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => {
        if (error || stdout.length === 0)
          resolve({ skipped: `ffmpeg failed (${error?.message ?? "no output"})` });
        else resolve({ bytes: stdout });
      },
    );
  });
}
