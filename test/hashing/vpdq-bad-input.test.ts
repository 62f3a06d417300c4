/**
 * Broken, hostile and endless input for vPDQ: each must fail with a MediaError whose
 * code says why, within bounded time, and leave no ffmpeg or ffprobe running.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { MediaError, type MediaErrorCode } from "../../src/hashing/media-error.js";
import { hashVideo } from "../../src/hashing/vpdq/hash-video.js";
import type { VpdqOptions } from "../../src/hashing/vpdq/vpdq-options.js";

const FFMPEG = "/usr/bin/ffmpeg";
const NO_FFMPEG = existsSync(FFMPEG)
  ? false
  : "ffmpeg is not installed at /usr/bin/ffmpeg (apt-get install ffmpeg)";

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "vigil-vpdq-bad-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function makeVideo(name: string, source: string, seconds: number, extra: string[] = []): string {
  const path = join(dir, name);
  const args = ["-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", source, "-t", String(seconds)];
  execFileSync(FFMPEG, [...args, "-pix_fmt", "yuv420p", ...extra, "-y", path]);
  return path;
}

/** Processes whose parent is this test process (from /proc), zombies included. */
function childProcesses(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // ended while we looked
    }
    const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(ppid) === process.pid)
      found.push(`${pid} ${stat.slice(0, stat.lastIndexOf(")") + 1)} ${state}`);
  }
  return found;
}

async function expectFailure(
  path: string,
  code: MediaErrorCode,
  options: Partial<VpdqOptions> = {},
  withinMs = 15_000,
): Promise<MediaError> {
  const started = Date.now();
  const error = await hashVideo(path, options).then(
    (features) => assert.fail(`${path}: expected ${code}, got ${features.length} features`),
    (e: unknown) => e,
  );
  const elapsed = Date.now() - started;
  assert.ok(error instanceof MediaError, `${path}: expected a MediaError, got ${String(error)}`);
  assert.equal(error.code, code, `${path}: ${error.message}`);
  assert.ok(elapsed < withinMs, `${path}: took ${elapsed} ms`);
  assert.deepEqual(childProcesses(), [], "no tool process may be left behind");
  console.log(`${code} in ${elapsed} ms: ${error.message}`);
  return error;
}

test("not a file: URLs, protocols, missing paths, directories and FIFOs are refused before any tool runs", async () => {
  for (const url of [
    "http://127.0.0.1:9/x.mp4",
    "concat:/a.mp4|/b.mp4",
    "file:/etc/hostname",
    "subfile,,start,0,end,9,,:/x",
  ]) {
    await expectFailure(url, "NotAFile");
  }
  await expectFailure(join(dir, "missing.mp4"), "NotFound");
  await mkdir(join(dir, "folder.mp4"));
  await expectFailure(join(dir, "folder.mp4"), "NotAFile");
  const fifo = join(dir, "endless.mp4");
  execFileSync("mkfifo", [fifo]); // a "file" that would never end; never opened
  await expectFailure(fifo, "NotAFile");
});

test("empty, non-video, truncated, oversized and playlist files fail clearly", {
  skip: NO_FFMPEG,
}, async () => {
  const empty = join(dir, "empty.mp4");
  await writeFile(empty, "");
  await expectFailure(empty, "EmptyFile");

  const text = join(dir, "text.mp4");
  await writeFile(text, "this is a text file, not a video\n".repeat(40));
  await expectFailure(text, "VideoDecodeError");

  const whole = readFileSync(makeVideo("whole.mp4", "testsrc=size=160x120:rate=10", 2));
  const truncated = join(dir, "truncated.mp4");
  await writeFile(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
  await expectFailure(truncated, "VideoDecodeError");

  await expectFailure(join(dir, "whole.mp4"), "FileTooLarge", { maxBytes: 1000 });

  // An HLS playlist named .mp4 would make ffmpeg open other files; the demuxer whitelist refuses it.
  const playlist = join(dir, "playlist.mp4");
  await writeFile(playlist, "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\nwhole.mp4\n#EXT-X-ENDLIST\n");
  await expectFailure(playlist, "UnsupportedFormat");
});

test("a video longer than allowed stops at the frame cap, the header's duration, or the decoded length", {
  skip: NO_FFMPEG,
}, async () => {
  const long = makeVideo("long.mp4", "testsrc=size=64x48:rate=10", 30);
  // Frame cap: every frame of 300, 5 allowed; ffmpeg is stopped after the 6th.
  await expectFailure(long, "VideoTooLong", { secondsPerHash: 0, maxFrames: 5 }, 10_000);
  // The header says 30 s: refused before decoding.
  const byHeader = await expectFailure(long, "VideoTooLong", { maxSeconds: 10 }, 10_000);
  assert.match(byHeader.message, /claims 30/);
  // A raw H.264 stream states no duration: stopped while decoding, at the first frame past 10 s.
  const raw = makeVideo("endless.h264", "testsrc=size=64x48:rate=10", 30, ["-f", "h264"]);
  const whileDecoding = await expectFailure(raw, "VideoTooLong", { maxSeconds: 10 }, 10_000);
  assert.match(whileDecoding.message, /runs past/);
});

test("the wall-clock limit kills the decoder, whether it passes while probing or while decoding", {
  skip: NO_FFMPEG,
}, async () => {
  const slow = makeVideo("slow.mp4", "testsrc=size=320x240:rate=30", 20, ["-preset", "ultrafast"]);
  await expectFailure(slow, "VideoTimeout", { secondsPerHash: 0, timeoutMs: 1 }, 5_000);
  await expectFailure(slow, "VideoTimeout", { secondsPerHash: 0, timeoutMs: 400 }, 5_000);
});

test("the address-space limit applies to the tools", {
  skip:
    NO_FFMPEG || (existsSync("/usr/bin/prlimit") ? false : "/usr/bin/prlimit (util-linux) is not installed"),
}, async () => {
  const clip = makeVideo("small.mp4", "testsrc=size=160x120:rate=10", 1);
  const error = await expectFailure(clip, "VideoDecodeError", { memoryBytes: 64 * 1024 ** 2 });
  assert.match(error.message, /address-space limit of 64 MiB/);
});
