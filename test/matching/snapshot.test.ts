/** A snapshot loads back into an index that answers exactly as the original did. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { evenWidths } from "../../src/matching/mih-plan.js";
import { PdqMultiIndex } from "../../src/matching/multi-index.js";
import {
  readSnapshotFile,
  SnapshotError,
  snapshotFromBuffer,
  snapshotToBuffer,
  writeSnapshotFile,
} from "../../src/matching/snapshot.js";
import { clusteredHashes, flipBits, hashesToWords, randomHash, xorshift } from "./hash-samples.js";

function sampleIndex(): { index: PdqMultiIndex; queries: ReturnType<typeof randomHash>[] } {
  const { centres, hashes } = clusteredHashes(5000, 8, 40, 17);
  const index = PdqMultiIndex.fromWords(
    hashes.map((_, i) => i * 2),
    hashesToWords(hashes),
    { widths: evenWidths(16), tailLimit: 100, costPerScannedHash: Infinity },
  );
  const next = xorshift(5);
  // Leave tombstones and an unmerged tail in the snapshot too.
  for (let i = 0; i < 300; i++) index.remove(i * 6);
  for (let i = 0; i < 60; i++) index.add(100001 + i, flipBits(centres[i % 8], next() % 30, next));
  const queries = [...centres.map((c) => flipBits(c, next() % 10, next)), randomHash(next)];
  return { index, queries };
}

function assertSameAnswers(a: PdqMultiIndex, b: PdqMultiIndex, queries: ReturnType<typeof randomHash>[]) {
  assert.equal(b.size, a.size);
  assert.deepEqual(b.widths, a.widths);
  for (const radius of [0, 8, 16, 31, 32, 48]) {
    for (const q of queries) assert.deepEqual(b.search(q, radius), a.search(q, radius), `radius ${radius}`);
  }
}

test("buffer snapshot round trip gives identical answers, and the loaded index keeps updating", () => {
  const { index, queries } = sampleIndex();
  const loaded = snapshotFromBuffer(snapshotToBuffer(index), {
    tailLimit: 100,
    costPerScannedHash: Infinity,
  });
  assertSameAnswers(index, loaded, queries);
  assert.equal(loaded.has(0), false);
  assert.equal(loaded.has(2), true);
  const next = xorshift(9);
  for (let i = 0; i < 500; i++) {
    const h = randomHash(next);
    index.add(200000 + i, h);
    loaded.add(200000 + i, h);
  }
  for (let i = 0; i < 200; i++) {
    index.remove(i * 10);
    loaded.remove(i * 10);
  }
  assertSameAnswers(index, loaded, queries);
});

test("file snapshot round trip gives identical answers", () => {
  const dir = mkdtempSync(join(tmpdir(), "vigil-snapshot-"));
  try {
    const { index, queries } = sampleIndex();
    const path = join(dir, "bank.mih");
    writeSnapshotFile(index, path);
    assertSameAnswers(index, readSnapshotFile(path), queries);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("damaged snapshots are refused, not half-loaded", () => {
  const { index } = sampleIndex();
  const good = snapshotToBuffer(index);
  assert.throws(() => snapshotFromBuffer(Buffer.from("not a snapshot at all")), SnapshotError);
  assert.throws(() => snapshotFromBuffer(good.subarray(0, good.length - 100)), SnapshotError);
  const wrongVersion = Buffer.from(good);
  wrongVersion.writeUInt32LE(99, 8);
  assert.throws(() => snapshotFromBuffer(wrongVersion), /version 99/);
  // Corrupt one posting (the last section's first element) to an out-of-range position.
  const corrupt = Buffer.from(good);
  const postingsBytes = (index.exportState().indexed + 1) * 4;
  const lastSection = corrupt.length - ((postingsBytes + 7) & ~7);
  corrupt.writeInt32LE(1 << 30, lastSection);
  assert.throws(() => snapshotFromBuffer(corrupt), /posting 0 out of range/);
  const dir = mkdtempSync(join(tmpdir(), "vigil-snapshot-"));
  try {
    writeFileSync(join(dir, "short.mih"), good.subarray(0, 40));
    assert.throws(() => readSnapshotFile(join(dir, "short.mih")), SnapshotError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an index too small for tables round-trips too", () => {
  const index = new PdqMultiIndex();
  const next = xorshift(2);
  const hashes = Array.from({ length: 50 }, () => randomHash(next));
  for (const [i, h] of hashes.entries()) index.add(i, h);
  const loaded = snapshotFromBuffer(snapshotToBuffer(index));
  assertSameAnswers(index, loaded, hashes.slice(0, 5));
});
