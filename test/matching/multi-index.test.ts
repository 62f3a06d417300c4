/**
 * The multi-index must return exactly what a scan returns (ids and distances),
 * whatever the substring widths, the data (random or clustered), the radius,
 * and the history of adds and removes behind it.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { Hash256 } from "../../src/hashing/pdq/hash256.js";
import { BruteForcePdqIndex } from "../../src/matching/brute-force-index.js";
import { LOOKUP_CAPACITIES } from "../../src/matching/mih-lookup.js";
import { evenWidths } from "../../src/matching/mih-plan.js";
import { PdqMultiIndex } from "../../src/matching/multi-index.js";
import {
  clusteredHashes,
  flipBits,
  hashesToWords,
  oracleSearch,
  randomHash,
  randomWords,
  wordsToHashes,
  xorshift,
} from "./hash-samples.js";

const RADII = [0, 8, 16, 31, 32, 48];

const WIDTH_SETS: Record<string, readonly number[]> = {
  "16 x 16 bits": evenWidths(16),
  "13 tables of 19-20 bits": evenWidths(13),
  "20 tables of 12-13 bits": evenWidths(20),
  "6 uneven tables over 64 bits (partial cover)": [8, 10, 12, 14, 9, 11],
};

function queriesFor(stored: Hash256[], centres: Hash256[], seed: number): Hash256[] {
  const next = xorshift(seed);
  const queries: Hash256[] = [];
  for (let i = 0; i < 8; i++) queries.push(randomHash(next));
  for (let i = 0; i < 16; i++) queries.push(flipBits(stored[next() % stored.length], next() % 41, next));
  for (const c of centres) queries.push(flipBits(c, next() % 6, next));
  return queries;
}

function assertSameAsScan(
  index: PdqMultiIndex,
  entries: Map<number, Hash256>,
  queries: Hash256[],
  label: string,
) {
  const brute = new BruteForcePdqIndex();
  for (const [id, h] of entries) brute.add(id, h);
  for (const radius of RADII) {
    for (const [qi, q] of queries.entries()) {
      const want = brute.search(q, radius);
      assert.deepEqual(index.search(q, radius), want, `${label}: query ${qi}, radius ${radius}`);
    }
  }
  // The brute force itself against the independent per-pair distance.
  for (const q of queries.slice(0, 4)) assert.deepEqual(brute.search(q, 31), oracleSearch(entries, q, 31));
}

for (const [name, widths] of Object.entries(WIDTH_SETS)) {
  test(`random hashes, ${name}: same answers as a scan`, () => {
    const words = randomWords(3000, 11);
    const hashes = wordsToHashes(words);
    const ids = hashes.map((_, i) => 1000 + i * 3);
    const index = PdqMultiIndex.fromWords(ids, words, { widths, costPerScannedHash: Infinity });
    assert.deepEqual(index.widths, [...widths]);
    for (const radius of RADII)
      assert.equal(index.explain(radius).scan, false, `radius ${radius} probes tables`);
    const entries = new Map(ids.map((id, i) => [id, hashes[i]]));
    assertSameAsScan(index, entries, queriesFor(hashes, [], 5), name);
  });

  test(`clustered hashes (distances 0..40 from 6 centres), ${name}: same answers as a scan`, () => {
    const { centres, hashes } = clusteredHashes(3000, 6, 40, 23);
    const ids = hashes.map((_, i) => i);
    const index = PdqMultiIndex.fromWords(ids, hashesToWords(hashes), {
      widths,
      costPerScannedHash: Infinity,
    });
    const entries = new Map(ids.map((id, i) => [id, hashes[i]]));
    assertSameAsScan(index, entries, queriesFor(hashes, centres, 7), name);
  });
}

test("searchManyWords answers each query as searchWords does, on random and clustered banks", () => {
  const random = wordsToHashes(randomWords(6000, 41));
  const { centres, hashes: near } = clusteredHashes(6000, 8, 40, 42);
  const hashes = [...random, ...near];
  const ids = hashes.map((_, i) => i + 1);
  const index = PdqMultiIndex.fromWords(ids, hashesToWords(hashes), {
    widths: evenWidths(13),
    costPerScannedHash: Infinity,
  });
  const brute = new BruteForcePdqIndex();
  brute.addWords(ids, hashesToWords(hashes));
  const queries = queriesFor(hashes, centres, 43);
  const queryWords = hashesToWords(queries);
  for (const radius of RADII) {
    const many = index.searchManyWords(queryWords, radius);
    const manyBrute = brute.searchManyWords(queryWords, radius);
    assert.equal(many.length, queries.length);
    for (const [qi, q] of queries.entries()) {
      const want = brute.search(q, radius);
      assert.deepEqual(many[qi], want, `query ${qi}, radius ${radius}`);
      assert.deepEqual(manyBrute[qi], want, `brute force batch: query ${qi}, radius ${radius}`);
    }
  }
  assert.throws(() => index.searchManyWords(new Int32Array(7)), RangeError);
});

test("lookups larger than the shared buffers (many probes, a run longer than the candidate buffer) stay exact", () => {
  // 12,000 copies of one hash make a run of 12,000 positions under one key in
  // every table, more than one candidate slice; radius 63 over 13 tables of
  // 19-20 bits needs far more probes than one round holds.
  const next = xorshift(77);
  const centre = randomHash(next);
  const hashes: Hash256[] = [];
  for (let i = 0; i < 12000; i++) hashes.push(i % 4 === 0 ? flipBits(centre, next() % 3, next) : centre);
  for (let i = 0; i < 3000; i++)
    hashes.push(next() % 2 ? randomHash(next) : flipBits(centre, next() % 64, next));
  const ids = hashes.map((_, i) => 5 + i * 2);
  const index = PdqMultiIndex.fromWords(ids, hashesToWords(hashes), {
    widths: evenWidths(13),
    costPerScannedHash: Infinity,
  });
  assert.ok(index.explain(63).probes > LOOKUP_CAPACITIES.runs, "radius 63 should need several rounds");
  assert.ok(12000 > LOOKUP_CAPACITIES.candidates);
  const entries = new Map(ids.map((id, i) => [id, hashes[i]]));
  const queries = [centre, flipBits(centre, 5, next), flipBits(centre, 40, next), randomHash(next)];
  for (const radius of [0, 16, 31, 63]) {
    for (const [qi, q] of queries.entries()) {
      assert.deepEqual(
        index.search(q, radius),
        oracleSearch(entries, q, radius),
        `query ${qi}, radius ${radius}`,
      );
    }
  }
});

test("default widths chosen for a 40,000-hash bank answer like a scan", () => {
  const random = wordsToHashes(randomWords(30000, 3));
  const { centres, hashes: near } = clusteredHashes(10000, 20, 40, 4);
  const hashes = [...random, ...near];
  const ids = hashes.map((_, i) => i * 7 + 1);
  const index = PdqMultiIndex.fromWords(ids, hashesToWords(hashes));
  assert.ok(index.widths.length > 0, "a 40,000-hash bank should be split into tables");
  assert.equal(index.explain(31).scan, false);
  const entries = new Map(ids.map((id, i) => [id, hashes[i]]));
  assertSameAsScan(index, entries, queriesFor(hashes, centres, 9), "default widths");
});

test("small banks are scanned (no tables) and still exact", () => {
  const hashes = wordsToHashes(randomWords(500, 8));
  const index = new PdqMultiIndex();
  for (const [i, h] of hashes.entries()) index.add(i, h);
  assert.deepEqual(index.widths, []);
  const entries = new Map(hashes.map((h, i) => [i, h]));
  assertSameAsScan(index, entries, queriesFor(hashes, [], 2), "small bank");
});

test("random adds, replacements and removes (merges, tombstones, compaction, rebuilds) keep answers exact", () => {
  const next = xorshift(99);
  const { centres, hashes } = clusteredHashes(4000, 5, 40, 31);
  const entries = new Map<number, Hash256>();
  const ids = hashes.map((_, i) => i);
  for (const [i, h] of hashes.entries()) entries.set(i, h);
  const index = PdqMultiIndex.fromWords(ids, hashesToWords(hashes), {
    widths: evenWidths(16),
    tailLimit: 50,
    costPerScannedHash: Infinity,
  });
  let nextId = 10000;
  for (let step = 0; step < 3000; step++) {
    const roll = next() % 10;
    if (roll < 4) {
      const h = next() % 2 ? randomHash(next) : flipBits(centres[next() % centres.length], next() % 41, next);
      index.add(nextId, h);
      entries.set(nextId++, h);
    } else if (roll < 5 && entries.size > 0) {
      const id = [...entries.keys()][next() % entries.size];
      const h = randomHash(next);
      index.add(id, h);
      entries.set(id, h);
    } else if (roll < 9 && entries.size > 0) {
      const id = [...entries.keys()][next() % entries.size];
      assert.equal(index.remove(id), true);
      entries.delete(id);
    } else {
      assert.equal(index.remove(-1 - step), false);
    }
    if (step % 500 === 499) {
      assert.equal(index.size, entries.size);
      assertSameAsScan(
        index,
        entries,
        queriesFor([...entries.values()], centres, step),
        `after ${step + 1} ops`,
      );
    }
  }
  for (const id of [...entries.keys()].slice(0, 50)) assert.ok(index.has(id));
});

test("a bank that doubles is rebuilt with widths for its new size", () => {
  const words = randomWords(5000, 1);
  const index = PdqMultiIndex.fromWords(
    Array.from({ length: 5000 }, (_, i) => i),
    words,
  );
  const before = index.widths;
  const more = wordsToHashes(randomWords(60000, 2));
  const batch = hashesToWords(more);
  index.addWords(
    more.map((_, i) => 5000 + i),
    batch,
  );
  assert.equal(index.size, 65000);
  assert.notDeepEqual(index.widths, before);
  const q = more[123];
  assert.deepEqual(index.search(q, 0), [{ id: 5123, distance: 0 }]);
});

test("a directory block of more than 255 entries switches to 16-bit offsets, also when a merge overflows", () => {
  // 8-bit substrings of identical hashes: one 64-key block holds every entry.
  const { centres, hashes } = clusteredHashes(250, 1, 0, 7);
  const entries = new Map(hashes.map((h, i) => [i, h]));
  const index = PdqMultiIndex.fromWords(
    hashes.map((_, i) => i),
    hashesToWords(hashes),
    { widths: evenWidths(32), tailLimit: 16, costPerScannedHash: Infinity },
  );
  assert.ok(index.exportState().tables.every((t) => t.fine instanceof Uint8Array));
  const next = xorshift(11);
  for (let i = 0; i < 40; i++) {
    const h = flipBits(centres[0], next() % 3, next);
    index.add(1000 + i, h);
    entries.set(1000 + i, h);
  }
  assert.ok(index.exportState().tables.some((t) => t.fine instanceof Uint16Array));
  const queries = [centres[0], flipBits(centres[0], 20, next), randomHash(next)];
  for (const radius of [0, 2, 8, 16, 31, 32, 48]) {
    for (const q of queries) assert.deepEqual(index.search(q, radius), oracleSearch(entries, q, radius));
  }
});

test("a directory block of more than 65,535 entries switches to 32-bit offsets, also when a merge overflows", () => {
  // 8-bit substrings of identical hashes: one 64-key block holds every entry.
  const { centres, hashes } = clusteredHashes(65400, 1, 0, 5);
  const entries = new Map(hashes.map((h, i) => [i, h]));
  const index = PdqMultiIndex.fromWords(
    hashes.map((_, i) => i),
    hashesToWords(hashes),
    { widths: evenWidths(32), tailLimit: 64, costPerScannedHash: Infinity },
  );
  assert.ok(index.exportState().tables.every((t) => t.fine instanceof Uint16Array));
  const next = xorshift(3);
  for (let i = 0; i < 400; i++) {
    const h = flipBits(centres[0], next() % 3, next);
    index.add(100000 + i, h);
    entries.set(100000 + i, h);
  }
  assert.ok(index.exportState().tables.some((t) => t.fine instanceof Uint32Array));
  const queries = [centres[0], flipBits(centres[0], 20, next), randomHash(next)];
  for (const radius of [0, 2, 31]) {
    for (const q of queries) assert.deepEqual(index.search(q, radius), oracleSearch(entries, q, radius));
  }
});

test("property: any sequence of adds and removes leaves the index equal to a scan", () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant("add" as const), id: fc.integer({ min: 0, max: 400 }), seed: fc.nat() }),
    fc.record({ kind: fc.constant("remove" as const), id: fc.integer({ min: 0, max: 400 }), seed: fc.nat() }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 300 }), fc.nat(), (ops, seed) => {
      const next = xorshift(seed + 1);
      const centre = randomHash(next);
      const start = Array.from({ length: 300 }, () => flipBits(centre, next() % 41, next));
      const entries = new Map(start.map((h, i) => [i, h]));
      const index = PdqMultiIndex.fromWords(
        start.map((_, i) => i),
        hashesToWords(start),
        { widths: evenWidths(16), tailLimit: 8, costPerScannedHash: Infinity },
      );
      for (const o of ops) {
        const r = xorshift(o.seed + 7);
        if (o.kind === "add") {
          const h = r() % 2 ? flipBits(centre, r() % 41, r) : randomHash(r);
          index.add(o.id, h);
          entries.set(o.id, h);
        } else {
          assert.equal(index.remove(o.id), entries.delete(o.id));
        }
      }
      assert.equal(index.size, entries.size);
      for (const radius of [0, 16, 31, 48]) {
        const q = flipBits(centre, next() % 20, next);
        assert.deepEqual(index.search(q, radius), oracleSearch(entries, q, radius));
      }
    }),
    { numRuns: 60 },
  );
});
