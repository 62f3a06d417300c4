/** The linear scan against a plain per-pair Hamming distance, with adds and removes. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { seededRandom } from "../../src/demo/patterns.js";
import { type Hash256, hammingDistance } from "../../src/hashing/pdq/hash256.js";
import { LinearScanIndex } from "../../src/matching/linear-scan.js";

function randomHash(random: () => number): Hash256 {
  return Uint16Array.from({ length: 16 }, () => Math.floor(random() * 65536));
}

function nearby(hash: Hash256, flips: number, random: () => number): Hash256 {
  const out = Uint16Array.from(hash);
  for (let i = 0; i < flips; i++) {
    const bit = Math.floor(random() * 256);
    out[bit >> 4] ^= 1 << (bit & 15);
  }
  return out;
}

test("returns exactly the hashes within the radius, after adds and removes", () => {
  const random = seededRandom(7);
  const index = new LinearScanIndex();
  const stored = new Map<number, Hash256>();
  const centre = randomHash(random);
  for (let id = 1; id <= 3000; id++) {
    const h = id % 3 === 0 ? nearby(centre, Math.floor(random() * 40), random) : randomHash(random);
    index.add(id, h);
    stored.set(id, h);
  }
  for (let id = 1; id <= 3000; id += 7) {
    assert.ok(index.remove(id));
    stored.delete(id);
  }
  assert.equal(index.size, stored.size);
  for (const radius of [0, 8, 16, 31, 32, 48]) {
    const query = nearby(centre, 3, random);
    const want = [...stored]
      .map(([id, h]) => ({ id, distance: hammingDistance(query, h) }))
      .filter((m) => m.distance <= radius)
      .sort((a, b) => a.distance - b.distance || a.id - b.id);
    assert.deepEqual(index.search(query, radius), want, `radius ${radius}`);
  }
});
