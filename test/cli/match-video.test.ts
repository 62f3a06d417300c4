/**
 * `vigil match` on videos: a generated benign video is hashed with vPDQ,
 * banked as a vPDQ text file, and matched as a whole (query and compared
 * percentages) by the same video, by a clip of it and not by another video.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { hashVideo } from "../../src/hashing/vpdq/hash-video.js";
import { formatVpdq } from "../../src/hashing/vpdq/vpdq-feature.js";
import { runVigil } from "../support/vigil-cli.js";

let dir = "";

let hasFfmpeg = true;
try {
  execFileSync("ffmpeg", ["-version"], { stdio: "ignore" });
} catch {
  hasFfmpeg = false;
}
const NO_FFMPEG = hasFfmpeg
  ? false
  : "ffmpeg is not installed; video match test skipped (apt-get install ffmpeg)";

/** A test pattern from ffmpeg's lavfi sources (no real footage). */
function makeVideo(name: string, source: string, seconds: number): string {
  const path = join(dir, name);
  execFileSync("ffmpeg", [
    ...["-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", source],
    ...["-t", String(seconds), "-pix_fmt", "yuv420p", "-y", path],
  ]);
  return path;
}

const run = (...args: string[]) => runVigil(join(dir, "data"), args);

interface VideoMatchJson {
  bank: string;
  entryId: number;
  signalType: string;
  queryMatchPercent: number;
  comparedMatchPercent: number;
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "vigil-match-video-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test("match finds a banked vPDQ video, prints both percentages, and leaves other videos unmatched", {
  skip: NO_FFMPEG,
}, async () => {
  const banked = makeVideo("banked.mp4", "testsrc=size=160x120:rate=10", 6);
  const clip = makeVideo("clip.mp4", "testsrc=size=160x120:rate=10", 3);
  const other = makeVideo("other.mp4", "mandelbrot=size=160x120:rate=10", 6);
  const vpdqFile = join(dir, "banked.vpdq.txt");
  await writeFile(vpdqFile, formatVpdq(await hashVideo(banked)));
  const imported = await run("bank", "import", "videos", vpdqFile, "--format", "vpdq");
  assert.equal(imported.code, 0, imported.stderr);

  const text = await run("match", "--bank", "videos", banked, other);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /banked\.mp4\tbank=videos\tentry=\d+\tvpdq\tquery=100\.0%\tcompared=100\.0%/);
  assert.match(text.stdout, /other\.mp4\tno match/);

  const json = await run("match", "--bank", "videos", "--json", banked, clip, other);
  assert.equal(json.code, 0, json.stderr);
  const results = json.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { query: string; videoMatches: VideoMatchJson[] });
  const byName = new Map(results.map((r) => [r.query.split("/").pop(), r.videoMatches]));
  assert.deepEqual(
    byName.get("banked.mp4")?.map((m) => [m.bank, m.signalType, m.queryMatchPercent, m.comparedMatchPercent]),
    [["videos", "vpdq", 100, 100]],
  );
  // The clip's frames are all in the banked video; only some of the banked frames are in the clip.
  const clipMatch = byName.get("clip.mp4") ?? [];
  assert.equal(clipMatch.length, 1);
  assert.equal(clipMatch[0].queryMatchPercent, 100);
  assert.ok(clipMatch[0].comparedMatchPercent < 100, `compared ${clipMatch[0].comparedMatchPercent}%`);
  assert.deepEqual(byName.get("other.mp4"), []);
});
