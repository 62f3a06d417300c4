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

/**
 * Rewrites a snapshot in the version 1 layout (256-key directory blocks, Uint16
 * fine offsets), as builds before the one-byte directories wrote it.
 */
function toVersion1(buffer: Uint8Array): Uint8Array {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const headerLength = view.getUint32(12, true);
  const header = JSON.parse(new TextDecoder().decode(buffer.subarray(16, 16 + headerLength)));
  const pad8 = (n: number) => (n + 7) & ~7;
  const sizes: Record<string, number> = { i32: 4, u8: 1, u16: 2, u32: 4, f64: 8 };
  let at = pad8(16 + headerLength);
  const raw: Uint8Array[] = [];
  for (const info of header.sections) {
    const bytes = info.length * sizes[info.type];
    raw.push(buffer.slice(at, at + bytes));
    at += pad8(bytes);
  }
  const parts: Uint8Array[] = [raw[0], raw[1]];
  header.tables.forEach((t: { bits: number }, i: number) => {
    const c = raw[2 + 3 * i];
    const f = raw[3 + 3 * i];
    const coarse = new Int32Array(c.buffer, c.byteOffset, c.byteLength / 4);
    const fineInfo = header.sections[3 + 3 * i];
    const fine =
      fineInfo.type === "u8"
        ? f
        : fineInfo.type === "u16"
          ? new Uint16Array(f.buffer, f.byteOffset, fineInfo.length)
          : new Uint32Array(f.buffer, f.byteOffset, fineInfo.length);
    const keys = 2 ** t.bits;
    const offset = (k: number) => coarse[k >>> 6] + fine[k];
    const coarse1 = new Int32Array(keys / 256 + 2);
    const fine1 = new Uint16Array(keys + 1);
    for (let k = 0; k <= keys; k++) {
      if ((k & 255) === 0) coarse1[k >>> 8] = offset(k);
      fine1[k] = offset(k) - coarse1[k >>> 8];
    }
    header.sections[2 + 3 * i] = { name: `coarse${i}`, type: "i32", length: coarse1.length };
    header.sections[3 + 3 * i] = { name: `fine${i}`, type: "u16", length: fine1.length };
    parts.push(new Uint8Array(coarse1.buffer), new Uint8Array(fine1.buffer), raw[4 + 3 * i]);
  });
  const json = new TextEncoder().encode(JSON.stringify(header));
  let total = pad8(16 + json.length);
  for (const p of parts) total += pad8(p.length);
  const out = new Uint8Array(total);
  out.set(buffer.subarray(0, 8));
  const outView = new DataView(out.buffer);
  outView.setUint32(8, 1, true);
  outView.setUint32(12, json.length, true);
  out.set(json, 16);
  let to = pad8(16 + json.length);
  for (const p of parts) {
    out.set(p, to);
    to += pad8(p.length);
  }
  return out;
}

test("a version 1 snapshot (256-key directory blocks) loads into the current layout with identical answers", () => {
  const { index, queries } = sampleIndex();
  const v1 = toVersion1(snapshotToBuffer(index));
  assert.equal(new DataView(v1.buffer).getUint32(8, true), 1);
  const loaded = snapshotFromBuffer(v1, { tailLimit: 100, costPerScannedHash: Infinity });
  assertSameAnswers(index, loaded, queries);
  assert.ok(loaded.exportState().tables.every((t) => t.coarse.length === 2 ** t.bits / 64 + 2));
});
