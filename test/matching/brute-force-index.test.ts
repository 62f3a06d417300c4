/** The brute-force scan against a plain per-pair Hamming distance, with adds, replacements and removes. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Hash256 } from "../../src/hashing/pdq/hash256.js";
import { BruteForcePdqIndex } from "../../src/matching/brute-force-index.js";
import { InvalidIndexArgumentError } from "../../src/matching/index-types.js";
import { wasmScanAvailable } from "../../src/matching/wasm-scan.js";
import {
  flipBits,
  hashesToWords,
  oracleSearch,
  randomHash,
  randomWords,
  wordsToHashes,
  xorshift,
} from "./hash-samples.js";

test("returns exactly the hashes within the radius, after adds, replacements and removes", () => {
  const next = xorshift(7);
  const index = new BruteForcePdqIndex();
  const stored = new Map<number, Hash256>();
  const centre = randomHash(next);
  for (let id = 1; id <= 3000; id++) {
    const h = id % 3 === 0 ? flipBits(centre, next() % 41, next) : randomHash(next);
    index.add(id, h);
    stored.set(id, h);
  }
  for (let id = 1; id <= 3000; id += 7) {
    assert.ok(index.remove(id));
    stored.delete(id);
  }
  for (let id = 2; id <= 3000; id += 11) {
    const h = flipBits(centre, next() % 41, next);
    index.add(id, h);
    stored.set(id, h);
  }
  assert.equal(index.remove(1), false);
  assert.equal(index.size, stored.size);
  for (const radius of [0, 8, 16, 31, 32, 48, 256]) {
    const query = flipBits(centre, 3, next);
    assert.deepEqual(index.search(query, radius), oracleSearch(stored, query, radius), `radius ${radius}`);
  }
});

test("bulk add from words replaces ids already present", () => {
  const words = randomWords(100, 1);
  const hashes = wordsToHashes(words);
  const index = new BruteForcePdqIndex();
  index.add(5, hashes[99]);
  index.addWords(
    hashes.map((_, i) => i),
    hashesToWords(hashes),
  );
  assert.equal(index.size, 100);
  assert.deepEqual(index.search(hashes[5], 0), [{ id: 5, distance: 0 }]);
});

test("batched searches (WebAssembly kernel) equal single searches, also when a chunk has more hits than its buffer", () => {
  assert.ok(wasmScanAvailable(), "the scan kernel is built by npm run build");
  const next = xorshift(12);
  const centre = randomHash(next);
  // 9,000 near-copies: 5 queries near the centre hit every hash of a 4,096-hash
  // chunk, 20,480 pairs, more than the kernel's 8,192-slot buffer.
  const hashes: Hash256[] = [];
  for (let i = 0; i < 9000; i++) hashes.push(flipBits(centre, next() % 6, next));
  for (let i = 0; i < 3000; i++) hashes.push(randomHash(next));
  const index = new BruteForcePdqIndex();
  index.addWords(
    hashes.map((_, i) => i * 3),
    hashesToWords(hashes),
  );
  const queries = [
    centre,
    flipBits(centre, 2, next),
    flipBits(centre, 9, next),
    centre,
    flipBits(centre, 30, next),
  ];
  for (let i = 0; i < 70; i++) queries.push(next() % 2 ? randomHash(next) : hashes[next() % hashes.length]);
  for (const radius of [0, 8, 31, 48]) {
    const many = index.searchManyWords(hashesToWords(queries), radius);
    assert.equal(many.length, queries.length);
    for (const [qi, q] of queries.entries())
      assert.deepEqual(many[qi], index.search(q, radius), `query ${qi}, radius ${radius}`);
  }
  assert.deepEqual(index.searchManyWords(new Int32Array(0)), []);
  assert.throws(() => index.searchManyWords(new Int32Array(9)), RangeError);
});

test("bad radii and ids are refused", () => {
  const index = new BruteForcePdqIndex();
  assert.throws(() => index.search(new Uint16Array(16), -1), InvalidIndexArgumentError);
  assert.throws(() => index.search(new Uint16Array(16), 31.5), InvalidIndexArgumentError);
  assert.throws(() => index.add(Number.NaN, new Uint16Array(16)), InvalidIndexArgumentError);
});
