/**
 * vPDQ against Meta's reference vpdq-hash-video (ThreatExchange vpdq/cpp, built with
 * FFmpeg 5.1, every frame: `-r 0`, and `-s 128`) on ThreatExchange's benign sample
 * videos in ../shared/anchors/vpdq: equal frame counts and numbers, every frame's hash
 * and quality identical (no tolerance since issue 18), the byline match at 100%, and
 * timestamps printed identically.
 *
 * All 14 videos take 30-55 s on two shared cores, so a representative subset runs by
 * default (about 12 s); VIGIL_FULL_ANCHORS=1 runs every video at native size and at
 * 128x128 (28 cases, about 50 s).
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { hammingDistance } from "../../src/hashing/pdq/hash256.js";
import { hashVideo } from "../../src/hashing/vpdq/hash-video.js";
import { matchByline } from "../../src/hashing/vpdq/match-byline.js";
import { formatVpdqLine, parseVpdq } from "../../src/hashing/vpdq/vpdq-feature.js";
import { sharedAnchor } from "../support/paths.js";

const anchors = sharedAnchor("vpdq");
const full = process.env.VIGIL_FULL_ANCHORS === "1";

interface Case {
  video: string;
  /** 0 for native size, else the reference's -s. */
  size: number;
}

/** One of each kind: SD, HD portrait and landscape, low quality, odd size, overlay, downsampled. */
const SUBSET: Case[] = [
  { video: "chair-19-sd-bar", size: 0 }, // 480x720, 564 frames
  { video: "pattern-sd-with-large-logo-bar", size: 0 }, // logo overlay
  { video: "pattern-hd-no-bar", size: 0 }, // 720x1280
  { video: "doorknob-hd-no-bar", size: 0 }, // 1280x720, half its frames below quality 50
  { video: "test-padded-dimensions", size: 0 }, // 1080x1080, coded with padding
  { video: "chair-22-sd-sepia-bar", size: 128 }, // the reference's -s 128
];

function cases(dir: string): Case[] {
  if (!full) return SUBSET;
  const videos = readdirSync(join(dir, "videos"))
    .filter((f) => f.endsWith(".mp4"))
    .map((f) => f.slice(0, -4))
    .sort();
  return [...videos.map((video) => ({ video, size: 0 })), ...videos.map((video) => ({ video, size: 128 }))];
}

function expectedPath(dir: string, c: Case): string {
  return c.size === 0
    ? join(dir, "generated", "vpdq-ffmpeg5.1-every-frame", `${c.video}.txt`)
    : join(
        dir,
        "generated",
        `vpdq-ffmpeg5.1-every-frame-${c.size}x${c.size}`,
        `${c.video}-${c.size}x${c.size}.txt`,
      );
}

test("vPDQ of the sample videos agrees with the reference vpdq-hash-video", async (t) => {
  if (!anchors) {
    t.skip("../shared/anchors not present");
    return;
  }
  const chosen = cases(anchors);
  console.log(
    full
      ? `vPDQ anchors: all ${chosen.length} cases, every video native and 128x128 (VIGIL_FULL_ANCHORS=1)`
      : `vPDQ anchors: representative subset of ${chosen.length} cases; set VIGIL_FULL_ANCHORS=1 to run all videos at both sizes`,
  );
  const started = Date.now();
  for (const c of chosen) {
    const label = c.size === 0 ? c.video : `${c.video} ${c.size}x${c.size}`;
    await t.test(label, async () => {
      const expectedText = expectedPath(anchors, c);
      const video = join(anchors, "videos", `${c.video}.mp4`);
      assert.ok(existsSync(expectedText) && existsSync(video), `${label}: anchor files missing`);
      const expectedLines = readFileSync(expectedText, "utf8").trimEnd().split("\n");
      const expected = parseVpdq(expectedLines.join("\n"));
      const t0 = Date.now();
      const got = await hashVideo(video, {
        secondsPerHash: 0,
        downsampleWidth: c.size,
        downsampleHeight: c.size,
        exact: true,
      });
      const ms = Date.now() - t0;

      assert.equal(got.length, expected.length, `${label}: frame count`);
      let identical = 0;
      let maxAll = 0;
      const differing: number[] = [];
      for (let i = 0; i < got.length; i++) {
        const [frame, , , seconds] = expectedLines[i].split(",");
        const mine = formatVpdqLine(got[i]).split(",");
        assert.equal(mine[0], frame, `${label} line ${i + 1}: frame number`);
        assert.equal(mine[3], seconds, `${label} line ${i + 1}: timestamp`);
        const d = hammingDistance(got[i].hash, expected[i].hash);
        maxAll = Math.max(maxAll, d);
        if (d === 0 && got[i].quality === expected[i].quality) identical++;
        else differing.push(i);
        // No tolerance (issue 18): frames near a PDQ tie take the exact path.
        assert.equal(d, 0, `${label} frame ${i}: ${d} bits from the reference`);
        assert.equal(got[i].quality, expected[i].quality, `${label} frame ${i}: quality`);
      }
      const byline = matchByline(got, expected, { distance: 31, quality: 50 });
      console.log(
        `vPDQ anchor ${label}: ${got.length} frames, ${identical} identical, max distance ${byline.maxDistance}` +
          ` (quality >= 50; ${maxAll} over all frames), byline ${byline.percent.toFixed(3)}% of ${byline.compared},` +
          ` ${ms} ms${differing.length ? `; differing frames ${differing.slice(0, 10).join(" ")}` : ""}`,
      );
      assert.equal(byline.percent, 100, `${label}: byline match`);
    });
  }
  console.log(`vPDQ anchors: ${chosen.length} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
