/** Partitioning: stable and spread; leases planned to a fair share of the live workers. */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  fairShare,
  parsePartitions,
  partitionKey,
  partitionOf,
  planLeases,
  stableHash,
} from "../../src/domain/partitions.js";

test("a subject's partition is stable (FNV-1a reference values) and subjects spread over partitions", () => {
  assert.equal(stableHash(""), 0x811c9dc5);
  assert.equal(stableHash("a"), 0xe40c292c);
  const key = partitionKey("whatsapp", "group", "g-1");
  assert.equal(partitionOf(key, 16), partitionOf(key, 16));
  const counts = new Array(16).fill(0);
  for (let i = 0; i < 16_000; i++) counts[partitionOf(partitionKey("whatsapp", "group", `g-${i}`), 16)]++;
  assert.ok(Math.min(...counts) > 800 && Math.max(...counts) < 1200, counts.join(","));
});

test("lease plans: take a fair share, give back the excess, highest partitions first", () => {
  assert.equal(fairShare(16, 0), 16);
  assert.equal(fairShare(16, 3), 6);
  assert.deepEqual(planLeases([], 16, 1), { release: [], acquire: 16 });
  assert.deepEqual(planLeases([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 16, 2), { release: [9, 8], acquire: 0 });
  assert.deepEqual(planLeases([0, 1], 16, 2), { release: [], acquire: 6 });
  assert.deepEqual(planLeases([0, 1, 2, 3, 4, 5], 16, 3), { release: [], acquire: 0 });
});

test("VIGIL_PARTITIONS: default 16, whole numbers 1..1024 only", () => {
  assert.equal(parsePartitions(undefined), 16);
  assert.equal(parsePartitions("8"), 8);
  for (const bad of ["0", "-1", "2.5", "x", "5000"])
    assert.throws(() => parsePartitions(bad), /VIGIL_PARTITIONS/);
});
