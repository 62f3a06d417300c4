/**
 * vPDQ on small benign videos that ffmpeg generates here (testsrc, mandelbrot), so
 * the decode path is always tested, with or without ../shared.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { hash256ToHex } from "../../src/hashing/pdq/hash256.js";
import { hashVideo, vpdqFeatures } from "../../src/hashing/vpdq/hash-video.js";
import { isVideoMatch, matchVideos } from "../../src/hashing/vpdq/match-videos.js";
import { formatVpdq, parseVpdq, type VpdqFeature } from "../../src/hashing/vpdq/vpdq-feature.js";

const FFMPEG = "/usr/bin/ffmpeg";
const NO_FFMPEG = existsSync(FFMPEG)
  ? false
  : "ffmpeg is not installed at /usr/bin/ffmpeg (apt-get install ffmpeg)";

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "vigil-vpdq-video-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A benign synthetic clip from one of ffmpeg's lavfi test sources. */
function makeVideo(name: string, source: string, seconds: number): string {
  const path = join(dir, name);
  const args = ["-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", source, "-t", String(seconds)];
  execFileSync(FFMPEG, [...args, "-pix_fmt", "yuv420p", "-y", path]);
  return path;
}

const hexes = (features: VpdqFeature[]) => features.map((f) => hash256ToHex(f.hash));

test("a 2 s, 10 fps testsrc clip: 20 frames every frame, frames 0 and 10 at 1 per second", {
  skip: NO_FFMPEG,
}, async () => {
  const clip = makeVideo("testsrc.mp4", "testsrc=size=160x120:rate=10", 2);
  const every = await hashVideo(clip, { secondsPerHash: 0 });
  assert.equal(every.length, 20);
  assert.deepEqual(
    every.map((f) => f.frameNumber),
    Array.from({ length: 20 }, (_, i) => i),
  );
  assert.ok(
    every.every((f) => f.quality >= 50),
    "testsrc frames have texture",
  );
  assert.equal(formatVpdq(every).split("\n")[3].split(",")[3], "0.300");

  const perSecond = await hashVideo(clip); // default: 1 s per hash
  assert.deepEqual(
    perSecond.map((f) => [f.frameNumber, f.timestamp]),
    [
      [0, 0],
      [10, 1],
    ],
  );
  // Picking frames in ffmpeg (select) gives the same hashes as picking them from every frame.
  assert.deepEqual(hexes(perSecond), hexes(every.filter((f) => f.frameNumber % 10 === 0)));
  const half = await hashVideo(clip, { secondsPerHash: 0.5 });
  assert.deepEqual(
    half.map((f) => f.frameNumber),
    [0, 5, 10, 15],
  );
  assert.deepEqual(hexes(half), hexes(every.filter((f) => f.frameNumber % 5 === 0)));
});

test("hashing is deterministic: the same clip twice matches 100%; another pattern does not match", {
  skip: NO_FFMPEG,
}, async () => {
  const clip = makeVideo("bars.mp4", "testsrc=size=160x120:rate=10", 2);
  const first = await hashVideo(clip, { secondsPerHash: 0 });
  const second = await hashVideo(clip, { secondsPerHash: 0 });
  assert.equal(formatVpdq(first), formatVpdq(second));
  const self = matchVideos(first, second);
  assert.deepEqual(self, { queryMatchPercent: 100, comparedMatchPercent: 100 });
  assert.equal(isVideoMatch(self), true);

  for (const source of ["mandelbrot=size=160x120:rate=10", "smptebars=size=160x120:rate=10"]) {
    const other = await hashVideo(makeVideo(`${source.split("=")[0]}.mp4`, source, 2), { secondsPerHash: 0 });
    const result = matchVideos(first, other);
    console.log(`testsrc vs ${source.split("=")[0]}: ${JSON.stringify(result)}`);
    assert.equal(isVideoMatch(result), false);
    assert.ok(result.queryMatchPercent < 50);
  }
  // The features survive the text format.
  assert.deepEqual(matchVideos(parseVpdq(formatVpdq(first)), second), self);
  // Any file name is just a name: colons, spaces and shell characters reach ffmpeg as one "file:" path.
  const odd = join(dir, "clip: $(touch x); name.mp4");
  await copyFile(clip, odd);
  assert.equal(formatVpdq(await hashVideo(odd, { secondsPerHash: 0 })), formatVpdq(first));
});

test("downsampling and streaming: frames scaled before hashing; stopping early ends ffmpeg", {
  skip: NO_FFMPEG,
}, async () => {
  const clip = makeVideo("scaled.mp4", "testsrc=size=160x120:rate=10", 2);
  const native = await hashVideo(clip, { secondsPerHash: 0 });
  // Scaling to the video's own size is the native conversion; to half size it changes the pixels.
  const same = await hashVideo(clip, { secondsPerHash: 0, downsampleWidth: 160, downsampleHeight: 120 });
  assert.equal(formatVpdq(same), formatVpdq(native));
  const half = await hashVideo(clip, { secondsPerHash: 0, downsampleWidth: 80, downsampleHeight: 60 });
  assert.equal(half.length, native.length);
  assert.notDeepEqual(hexes(half), hexes(native));
  // (testsrc's sharp synthetic edges move PDQ bits under scaling; the 128x128 anchors test real footage.)
  const firstThree: VpdqFeature[] = [];
  for await (const feature of vpdqFeatures(clip, { secondsPerHash: 0 })) {
    firstThree.push(feature);
    if (firstThree.length === 3) break;
  }
  assert.deepEqual(hexes(firstThree), hexes(native.slice(0, 3)));
});
