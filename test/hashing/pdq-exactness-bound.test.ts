/**
 * The fast path's proven error bound (src/hashing/pdq/exactness-bound.ts), checked
 * against the exact float32 emulation of the reference (reference-float32.ts): the
 * measured differences stay inside each step's bound, the median and quality checks
 * never certify a result the bound does not cover, and near-ties take the exact path.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { generatedImage } from "../../bench/pdq-generated-images.js";
import { renderPattern, seededRandom } from "../../src/demo/patterns.js";
import { DEFAULT_DECODE_OPTIONS, decodeImage } from "../../src/hashing/decode-image.js";
import { dct64To16 } from "../../src/hashing/pdq/dct.js";
import {
  bufferErrorBound,
  certainQuality,
  dctErrorBound,
  medianSplitIsCertain,
} from "../../src/hashing/pdq/exactness-bound.js";
import { fastBuffer64, type PixelImage, pdqFromPixels, pdqPathCounts } from "../../src/hashing/pdq/pdq.js";
import { pdqQuality } from "../../src/hashing/pdq/quality.js";
import { referenceBuffer64 } from "../../src/hashing/pdq/reference-float32.js";
import { SHARED_ABSENT, sharedAnchor } from "../support/paths.js";

function dctOf(buffer: Float32Array): Float64Array {
  const out = new Float64Array(256);
  dct64To16(buffer, out, new Float64Array(16 * 64));
  return out;
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

async function samples(): Promise<PixelImage[]> {
  const images: PixelImage[] = [
    renderPattern("noise", 2400, 1800, 3),
    renderPattern("plaid", 1600, 1004, 4),
    renderPattern("gradient", 129, 4000, 5),
    renderPattern("rings", 640, 480, 6),
  ];
  for (let i = 0; i < 60; i++) images.push(await generatedImage(i * 13 + 1));
  return images.filter((image) => image.width >= 5 && image.height >= 5);
}

test("the fast down-sample is within the proven bound of the reference's, and so is each DCT value", async () => {
  let worstBufferRatio = 0;
  let worstDctRatio = 0;
  for (const image of await samples()) {
    const fast = fastBuffer64(image);
    const exact = new Float32Array(64 * 64);
    referenceBuffer64(image, false, exact);
    const bufferBound = bufferErrorBound(image.width, image.height, true);
    const bufferDiff = maxDifference(fast, exact);
    assert.ok(bufferDiff <= bufferBound, `${image.width}x${image.height}: ${bufferDiff} > ${bufferBound}`);
    const dctDiff = maxDifference(dctOf(fast), dctOf(exact));
    const dctBound = dctErrorBound(bufferBound);
    assert.ok(dctDiff <= dctBound, `${image.width}x${image.height}: DCT ${dctDiff} > ${dctBound}`);
    worstBufferRatio = Math.max(worstBufferRatio, bufferDiff / bufferBound);
    worstDctRatio = Math.max(worstDctRatio, dctDiff / dctBound);
  }
  console.log(
    `measured / bound: buffer ${worstBufferRatio.toExponential(2)}, DCT ${worstDctRatio.toExponential(2)}`,
  );
});

test("a 64x64 image hashed alone is used unfiltered, as the reference's single-hash entry point does", () => {
  const image = renderPattern("rings", 64, 64, 8);
  const exact = new Float32Array(64 * 64);
  referenceBuffer64(image, true, exact);
  assert.equal(bufferErrorBound(64, 64, false), 0);
  assert.deepEqual(fastBuffer64(image), exact);
});

test("the median check certifies only splits that no perturbation within the bound can change", () => {
  const random = seededRandom(42);
  let certified = 0;
  for (let trial = 0; trial < 2000; trial++) {
    const bound = random() * 3;
    const values = Float64Array.from({ length: 256 }, () => Math.round((random() - 0.5) * 400) / 4);
    const sorted = Float64Array.from(values).sort();
    if (!medianSplitIsCertain(sorted, bound)) continue;
    certified++;
    const upper = (v: Float64Array) => {
      const m = Float64Array.from(v).sort()[127];
      return Array.from(v, (x) => x > m);
    };
    // The worst perturbation: everything below the split up by the bound, everything above down.
    const worst = Float64Array.from(values, (v) => (v <= sorted[127] ? v + bound : v - bound));
    assert.deepEqual(upper(worst), upper(values));
  }
  assert.ok(certified > 100, `only ${certified} certified splits exercised`);
});

test("the quality check answers only when the reference's quality is certainly the same", async () => {
  let answered = 0;
  for (const image of await samples()) {
    const bound = bufferErrorBound(image.width, image.height, true);
    const quality = certainQuality(fastBuffer64(image), bound);
    const exact = new Float32Array(64 * 64);
    referenceBuffer64(image, false, exact);
    if (quality >= 0) {
      answered++;
      assert.equal(quality, pdqQuality(exact));
    }
  }
  assert.ok(answered > 0, "no sample had a certain quality");
});

test("flat images (every DCT value a near-tie) take the exact path", () => {
  const flat: PixelImage = {
    pixels: new Uint8Array(300 * 200 * 3).fill(97),
    width: 300,
    height: 200,
    channels: 3,
  };
  const before = pdqPathCounts.exact;
  pdqFromPixels(flat, true);
  assert.equal(pdqPathCounts.exact, before + 1);
});

const anchors = sharedAnchor("pdq");

test("the bridge photo, a near-tie 0.003 wide at the median, takes the exact path and gets the reference's hash", {
  skip: anchors ? false : SHARED_ABSENT,
}, async () => {
  const bytes = await readFile(join(anchors!, "data", "bridge-mods", "aaa-orig.jpg"));
  const image = await decodeImage(bytes, DEFAULT_DECODE_OPTIONS);
  const before = pdqPathCounts.exact;
  const { quality } = pdqFromPixels(image, true);
  assert.equal(pdqPathCounts.exact, before + 1);
  assert.equal(quality, 100);
});
