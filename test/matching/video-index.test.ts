/**
 * VideoIndex must decide exactly as comparing the query with every banked
 * video by the reference rule would: the frame index only narrows the
 * candidates.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Hash256 } from "../../src/hashing/pdq/hash256.js";
import { isVideoMatch, type MatchableFeature, matchVideos } from "../../src/hashing/vpdq/index.js";
import { VideoIndex } from "../../src/matching/video-index.js";
import { flipBits, randomHash, xorshift } from "./hash-samples.js";

function video(frames: Hash256[], next: () => number): MatchableFeature[] {
  return frames.map((hash) => ({ hash, quality: 30 + (next() % 71) }));
}

test("matches equal a comparison with every banked video, for several rules and thresholds", () => {
  const next = xorshift(2024);
  const scenes = Array.from({ length: 40 }, () => randomHash(next));
  const banked = new Map<number, MatchableFeature[]>();
  const index = new VideoIndex();
  for (let v = 0; v < 120; v++) {
    // Videos share scenes (near-copies of the same hashes) so that some match partly.
    const frames = Array.from({ length: 1 + (next() % 12) }, () =>
      next() % 3 === 0 ? randomHash(next) : flipBits(scenes[next() % scenes.length], next() % 40, next),
    );
    banked.set(1000 + v, video(frames, next));
    index.add(1000 + v, banked.get(1000 + v)!);
  }
  assert.equal(index.size, 120);
  const queries = Array.from({ length: 30 }, () =>
    video(
      Array.from({ length: 1 + (next() % 10) }, () =>
        next() % 4 === 0 ? randomHash(next) : flipBits(scenes[next() % scenes.length], next() % 40, next),
      ),
      next,
    ),
  );
  const rules = [{}, { distance: 20 }, { distance: 40, quality: 0 }];
  const thresholds = [{}, { queryThreshold: 50, comparedThreshold: 30 }, { queryThreshold: 0 }];
  let matched = 0;
  for (const rule of rules) {
    for (const decide of thresholds) {
      for (const [qi, q] of queries.entries()) {
        const want = [...banked]
          .map(([entryId, frames]) => ({ entryId, ...matchVideos(q, frames, rule) }))
          .filter((m) => isVideoMatch(m, decide))
          .sort(
            (a, b) =>
              b.queryMatchPercent - a.queryMatchPercent ||
              b.comparedMatchPercent - a.comparedMatchPercent ||
              a.entryId - b.entryId,
          );
        assert.deepEqual(
          index.match(q, rule, decide),
          want,
          `query ${qi}, ${JSON.stringify({ rule, decide })}`,
        );
        matched += want.length;
      }
    }
  }
  assert.ok(matched > 30, `the samples should produce matches (${matched})`);
});

test("a replaced video is matched by its new frames only", () => {
  const next = xorshift(5);
  const a = video([randomHash(next), randomHash(next)], next).map((f) => ({ ...f, quality: 90 }));
  const b = video([randomHash(next)], next).map((f) => ({ ...f, quality: 90 }));
  const index = new VideoIndex();
  index.add(1, a);
  assert.equal(index.match(a).length, 1);
  index.add(1, b);
  assert.deepEqual(index.match(a), []);
  assert.deepEqual(index.match(b), [{ entryId: 1, queryMatchPercent: 100, comparedMatchPercent: 100 }]);
});
