/** The PDQ building blocks against their definitions in the reference. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { renderPattern, seededRandom } from "../../src/demo/patterns.js";
import {
  emptyHash256,
  getBit,
  hammingDistance,
  hash256FromHex,
  hash256ToHex,
  InvalidHashError,
  setBit,
} from "../../src/hashing/pdq/hash256.js";
import {
  compositeKernels,
  decimationIndex,
  jaroszWindowSize,
  PDQ_DOWNSAMPLED_SIZE,
  referenceDownsample,
} from "../../src/hashing/pdq/jarosz.js";
import { lumaRow } from "../../src/hashing/pdq/luma.js";
import { type PixelImage, pdqDihedralFromPixels, pdqFromPixels } from "../../src/hashing/pdq/pdq.js";

test("hex form prints word 15 first and bit k is bit k%16 of word k/16", () => {
  const hash = emptyHash256();
  setBit(hash, 0);
  setBit(hash, 255);
  assert.equal(hash256ToHex(hash), `8${"0".repeat(62)}1`);
  assert.equal(getBit(hash, 255), 1);
  const hex = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
  assert.equal(hash256ToHex(hash256FromHex(hex)), hex);
  assert.equal(hash256ToHex(hash256FromHex(hex.toUpperCase())), hex);
  assert.throws(() => hash256FromHex("abc"), InvalidHashError);
  assert.throws(() => hash256FromHex(`${"g".repeat(64)}`), InvalidHashError);
});

test("Hamming distance counts differing bits", () => {
  const a = hash256FromHex("0".repeat(64));
  const b = hash256FromHex("f".repeat(64));
  assert.equal(hammingDistance(a, b), 256);
  assert.equal(hammingDistance(a, a), 0);
  const c = emptyHash256();
  setBit(c, 17);
  setBit(c, 200);
  assert.equal(hammingDistance(a, c), 2);
});

test("window size is ceil(n / 128) and decimation samples strip centres", () => {
  assert.equal(jaroszWindowSize(1600, 64), 13);
  assert.equal(jaroszWindowSize(128, 64), 1);
  assert.equal(jaroszWindowSize(129, 64), 2);
  assert.equal(decimationIndex(0, 1600, 64), 12);
  assert.equal(decimationIndex(63, 1600, 64), 1587);
});

test("composite kernels give the reference box filter's output", () => {
  const random = seededRandom(42);
  for (const [rows, cols] of [
    [64, 64],
    [100, 37],
    [1004, 1600],
    [257, 300],
    [5, 900],
    [3000, 129],
  ]) {
    const luma = new Float64Array(rows * cols).map(() => random() * 255);
    const expected = referenceDownsample(luma, rows, cols);
    const vertical = compositeKernels(rows, PDQ_DOWNSAMPLED_SIZE);
    const horizontal = compositeKernels(cols, PDQ_DOWNSAMPLED_SIZE);
    for (let p = 0; p < PDQ_DOWNSAMPLED_SIZE; p += 7) {
      for (let q = 0; q < PDQ_DOWNSAMPLED_SIZE; q += 5) {
        let sum = 0;
        for (let a = 0; a < vertical.length[p]; a++) {
          for (let b = 0; b < horizontal.length[q]; b++) {
            const r = vertical.start[p] + a;
            const c = horizontal.start[q] + b;
            sum +=
              vertical.weights[vertical.offset[p] + a] *
              horizontal.weights[horizontal.offset[q] + b] *
              luma[r * cols + c];
          }
        }
        const want = expected[p * PDQ_DOWNSAMPLED_SIZE + q];
        assert.ok(
          Math.abs(sum - want) < 1e-9 * Math.max(1, Math.abs(want)),
          `${rows}x${cols} at ${p},${q}: ${sum} vs ${want}`,
        );
      }
    }
  }
});

test("luma of grey pixels is the grey value; of RGB, 0.299/0.587/0.114 in float32", () => {
  const out = new Float64Array(2);
  lumaRow(new Uint8Array([10, 250]), 0, 2, 1, out);
  assert.deepEqual([...out], [10, 250]);
  lumaRow(new Uint8Array([255, 0, 0, 12, 34, 56]), 0, 2, 3, out);
  const f = Math.fround;
  assert.equal(out[0], f(f(f(0.299) * 255) + 0) + 0);
  assert.equal(out[1], f(f(f(f(0.299) * 12) + f(f(0.587) * 34)) + f(f(0.114) * 56)));
});

test("images under 5 pixels on a side hash to zero with quality 0, as the reference", () => {
  const image: PixelImage = {
    pixels: new Uint8Array(4 * 100 * 3).fill(200),
    width: 4,
    height: 100,
    channels: 3,
  };
  const { hash, quality } = pdqFromPixels(image);
  assert.equal(hash256ToHex(hash), "0".repeat(64));
  assert.equal(quality, 0);
});

test("a flat image has quality 0", () => {
  const image: PixelImage = {
    pixels: new Uint8Array(200 * 100 * 3).fill(77),
    width: 200,
    height: 100,
    channels: 3,
  };
  assert.equal(pdqFromPixels(image).quality, 0);
});

test("a short pixel buffer is refused", () => {
  assert.throws(
    () => pdqFromPixels({ pixels: new Uint8Array(10), width: 100, height: 100, channels: 3 }),
    RangeError,
  );
});

function transformPixels(
  image: PixelImage,
  map: (x: number, y: number, w: number, h: number) => [number, number],
  swap: boolean,
): PixelImage {
  const { width: w, height: h, channels } = image;
  const ow = swap ? h : w;
  const oh = swap ? w : h;
  const out = new Uint8Array(ow * oh * channels);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [nx, ny] = map(x, y, w, h);
      out.set(
        image.pixels.subarray((y * w + x) * channels, (y * w + x + 1) * channels),
        (ny * ow + nx) * channels,
      );
    }
  }
  return { pixels: out, width: ow, height: oh, channels };
}

test("DCT-domain dihedral hashes match hashes of physically transformed pixels", () => {
  const image = renderPattern("blobs", 640, 640, 11);
  const { dihedral } = pdqDihedralFromPixels(image);
  const cases: [
    keyof typeof dihedral,
    (x: number, y: number, w: number, h: number) => [number, number],
    boolean,
  ][] = [
    ["rotate180", (x, y, w, h) => [w - 1 - x, h - 1 - y], false],
    ["flipX", (x, y, _w, h) => [x, h - 1 - y], false],
    ["flipY", (x, y, w) => [w - 1 - x, y], false],
    ["flipPlus1", (x, y) => [y, x], true],
  ];
  for (const [name, map, swap] of cases) {
    const physical = pdqFromPixels(transformPixels(image, map, swap));
    const distance = hammingDistance(physical.hash, dihedral[name]);
    assert.ok(distance <= 16, `${name}: ${distance} bits between pixel and DCT transforms`);
  }
});
