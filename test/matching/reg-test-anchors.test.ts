/**
 * Meta's PDQ regression haystack and needles (ThreatExchange
 * pdq/data/reg-test-input, ../shared/anchors/pdq): the multi-index must find
 * exactly what a scan finds at the standard radius.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { type Hash256, hash256FromHex } from "../../src/hashing/pdq/hash256.js";
import { BruteForcePdqIndex } from "../../src/matching/brute-force-index.js";
import { evenWidths } from "../../src/matching/mih-plan.js";
import { PdqMultiIndex } from "../../src/matching/multi-index.js";
import { SHARED_ABSENT, sharedAnchor } from "../support/paths.js";
import { hashesToWords } from "./hash-samples.js";

const anchors = sharedAnchor("pdq");
const inputDir = anchors ? join(anchors, "data", "reg-test-input") : null;
const present =
  inputDir !== null &&
  existsSync(join(inputDir, "haystack.txt")) &&
  existsSync(join(inputDir, "needles.txt"));

function readHashes(file: string): Hash256[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim().split(/[\s,]+/)[0])
    .filter((hex) => hex && !hex.startsWith("#"))
    .map(hash256FromHex);
}

test("reg-test haystack and needles: multi-index answers equal a scan at radius 31", {
  skip: present ? false : SHARED_ABSENT,
}, (t) => {
  const dir = inputDir as string;
  const haystack = readHashes(join(dir, "haystack.txt"));
  const needles = readHashes(join(dir, "needles.txt"));
  const brute = new BruteForcePdqIndex();
  for (const [i, h] of haystack.entries()) brute.add(i, h);
  // Added one by one with chosen widths (a scan at this size), and forced tables of two shapes.
  const ids = haystack.map((_, i) => i);
  const words = hashesToWords(haystack);
  const added = new PdqMultiIndex();
  for (const [i, h] of haystack.entries()) added.add(i, h);
  const indexes = [
    added,
    PdqMultiIndex.fromWords(ids, words, { widths: evenWidths(16), costPerScannedHash: Infinity }),
    PdqMultiIndex.fromWords(ids, words, { widths: evenWidths(13), costPerScannedHash: Infinity }),
  ];
  let matchedNeedles = 0;
  let matches = 0;
  for (const needle of needles) {
    const want = brute.search(needle, 31);
    for (const index of indexes) assert.deepEqual(index.search(needle, 31), want);
    if (want.length > 0) matchedNeedles++;
    matches += want.length;
  }
  t.diagnostic(
    `${matchedNeedles} of ${needles.length} needles matched ${matches} haystack entries within 31 bits`,
  );
  assert.ok(matchedNeedles > 0, "the reference needles are near-duplicates of haystack images");
});
