/**
 * vPDQ against the reference vpdq-hash-video (FFmpeg 5.1, every frame) on
 * ThreatExchange's benign sample videos (../shared/anchors/vpdq). Decoders and
 * scalers differ a little between builds, so frames are compared with the
 * reference's own tolerance: every frame of quality >= 50 on both sides within
 * distance 31, and the reference's line-by-line match at 100%.
 * Three videos by default; VIGIL_FULL_ANCHORS=1 runs all of them.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { hammingDistance } from "../../src/hashing/pdq/hash256.js";
import { hashVideo } from "../../src/hashing/vpdq/hash-video.js";
import { parseVpdq } from "../../src/hashing/vpdq/vpdq-feature.js";
import { SHARED_ABSENT, sharedAnchor } from "../support/paths.js";

const anchors = sharedAnchor("vpdq");
const full = process.env.VIGIL_FULL_ANCHORS === "1";
const DEFAULT_SET = ["pattern-sd-grey-bar", "doorknob-hd-no-bar", "test-padded-dimensions"];

function names(): string[] {
  const all = readdirSync(join(anchors!, "videos"))
    .filter((f) => f.endsWith(".mp4"))
    .map((f) => f.replace(/\.mp4$/, ""));
  return full ? all : all.filter((n) => DEFAULT_SET.includes(n));
}

test("vPDQ every frame matches the reference vpdq-hash-video", {
  skip: anchors ? false : SHARED_ABSENT,
}, async () => {
  if (!full) console.log(`vPDQ anchors: ${DEFAULT_SET.length} videos (set VIGIL_FULL_ANCHORS=1 for all)`);
  for (const name of names()) {
    const expected = parseVpdq(
      readFileSync(join(anchors!, "generated", "vpdq-ffmpeg5.1-every-frame", `${name}.txt`), "utf8"),
    );
    const got = await hashVideo(join(anchors!, "videos", `${name}.mp4`), { secondsPerHash: 0 });
    assert.equal(got.length, expected.length, `${name}: frame count`);
    let identical = 0;
    let compared = 0;
    let bylineMatched = 0;
    let maxDistance = 0;
    for (let i = 0; i < got.length; i++) {
      assert.equal(got[i].frameNumber, expected[i].frameNumber);
      assert.ok(Math.abs(got[i].timestamp - expected[i].timestamp) < 0.0015, `${name} frame ${i} timestamp`);
      const distance = hammingDistance(got[i].hash, expected[i].hash);
      if (distance === 0) identical++;
      if (got[i].quality < 50 || expected[i].quality < 50) continue;
      compared++;
      maxDistance = Math.max(maxDistance, distance);
      assert.ok(distance <= 31, `${name} frame ${i}: ${distance} bits`);
      if (distance < 31) bylineMatched++;
    }
    console.log(
      `vPDQ ${name}: ${got.length} frames, ${identical} identical, ${compared} compared (quality >= 50), max ${maxDistance} bits, byline ${((bylineMatched * 100) / Math.max(1, compared)).toFixed(1)}%`,
    );
    assert.equal(bylineMatched, compared, `${name}: byline match below 100%`);
  }
});
