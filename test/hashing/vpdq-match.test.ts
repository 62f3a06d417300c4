/** The vPDQ video match rule (python-threatexchange brute) and the regtest's byline comparison (pure). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { emptyHash256, type Hash256, setBit } from "../../src/hashing/pdq/hash256.js";
import { matchByline } from "../../src/hashing/vpdq/match-byline.js";
import {
  dedupeFeatures,
  isVideoMatch,
  type MatchableFeature,
  matchVideos,
} from "../../src/hashing/vpdq/match-videos.js";

/** A hash with bits [from, from + count) set: hashes built this way are exactly |a - b| bits apart. */
function bits(from: number, count: number): Hash256 {
  const hash = emptyHash256();
  for (let k = from; k < from + count; k++) setBit(hash, k);
  return hash;
}

function feature(hash: Hash256, quality = 100): MatchableFeature {
  return { hash, quality };
}

test("identical videos match 100% both ways; defaults are distance 31, quality 50", () => {
  const video = [feature(bits(0, 10)), feature(bits(0, 100)), feature(bits(0, 200))];
  const result = matchVideos(video, video);
  assert.deepEqual(result, { queryMatchPercent: 100, comparedMatchPercent: 100 });
  assert.equal(isVideoMatch(result), true);
});

test("a frame matches at distance <= 31 (python-threatexchange), not only < 31 (C++)", () => {
  const query = [feature(bits(0, 0))];
  assert.equal(matchVideos(query, [feature(bits(0, 31))]).queryMatchPercent, 100);
  assert.equal(matchVideos(query, [feature(bits(0, 32))]).queryMatchPercent, 0);
  assert.equal(matchVideos(query, [feature(bits(0, 32))], { distance: 32 }).queryMatchPercent, 100);
});

test("duplicates are dropped before the quality filter, then low-quality frames are ignored", () => {
  const a = bits(0, 0);
  const b = bits(0, 100);
  const c = bits(0, 200);
  // Query: a three times, then b; target: a only. With duplicates counted this would be 75%.
  const query = [feature(a), feature(a), feature(a), feature(b)];
  const result = matchVideos(query, [feature(a)]);
  assert.equal(result.queryMatchPercent, 50);
  assert.equal(result.comparedMatchPercent, 100);
  // The first occurrence decides: a low-quality first copy removes the good copy too.
  assert.equal(dedupeFeatures([feature(c, 10), feature(c, 90)]).length, 1);
  assert.deepEqual(matchVideos([feature(c, 10), feature(c, 90), feature(a)], [feature(c)]), {
    queryMatchPercent: 0,
    comparedMatchPercent: 0,
  });
  // Frames of quality 49 are dropped, 50 kept.
  assert.equal(
    matchVideos([feature(a, 49), feature(b, 50)], [feature(a), feature(b)]).queryMatchPercent,
    100,
  );
  assert.equal(
    matchVideos([feature(a, 49), feature(b, 50)], [feature(a), feature(b)]).comparedMatchPercent,
    50,
  );
});

test("query and compared percentages are separate; the decision uses 80% and 0% by default", () => {
  const shared = [bits(0, 0), bits(0, 64), bits(0, 128), bits(0, 192)].map((h) => feature(h));
  const clip = shared.slice(0, 1);
  // A short clip of a long video: all of the clip is in the video, a quarter of the video in the clip.
  const r = matchVideos(clip, shared);
  assert.deepEqual(r, { queryMatchPercent: 100, comparedMatchPercent: 25 });
  assert.equal(isVideoMatch(r), true);
  assert.equal(isVideoMatch(r, { comparedThreshold: 50 }), false);
  const reverse = matchVideos(shared, clip);
  assert.deepEqual(reverse, { queryMatchPercent: 25, comparedMatchPercent: 100 });
  assert.equal(isVideoMatch(reverse), false);
  assert.equal(isVideoMatch({ queryMatchPercent: 80, comparedMatchPercent: 0 }), true);
  assert.equal(isVideoMatch({ queryMatchPercent: 79.9, comparedMatchPercent: 100 }), false);
});

test("nothing left after filtering gives 0% both ways instead of dividing by zero", () => {
  assert.deepEqual(matchVideos([], [feature(bits(0, 1))]), { queryMatchPercent: 0, comparedMatchPercent: 0 });
  assert.deepEqual(matchVideos([feature(bits(0, 1), 0)], [feature(bits(0, 1))]), {
    queryMatchPercent: 0,
    comparedMatchPercent: 0,
  });
});

test("byline: frame i against frame i, strict distance, either side low quality skipped", () => {
  const first = [feature(bits(0, 0)), feature(bits(0, 0)), feature(bits(0, 0), 49), feature(bits(0, 0))];
  const second = [feature(bits(0, 30)), feature(bits(0, 31)), feature(bits(0, 200)), feature(bits(0, 0), 10)];
  const r = matchByline(first, second);
  assert.deepEqual(r, { compared: 2, matched: 1, percent: 50, maxDistance: 31 });
  assert.equal(matchByline(first, second, { distance: 32 }).matched, 2);
  assert.ok(Number.isNaN(matchByline([feature(bits(0, 0), 0)], [feature(bits(0, 0))]).percent));
  assert.throws(() => matchByline(first, second.slice(1)), RangeError);
  // float32 arithmetic as in the C++: 2 of 3 prints as 66.667
  const three = [feature(bits(0, 0)), feature(bits(0, 0)), feature(bits(0, 0))];
  const third = matchByline(three, [feature(bits(0, 0)), feature(bits(0, 0)), feature(bits(0, 100))]);
  assert.equal(third.percent, Math.fround(200 / 3));
  assert.equal(third.percent.toFixed(3), "66.667");
});
