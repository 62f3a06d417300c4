/**
 * The reference's 64x64 down-sample, computed as Meta's C++ computes it
 * (ThreatExchange pdq/cpp: fillFloatLumaFromRGB, jaroszFilterFloat with box1DFloat,
 * decimateFloat), in single precision and in the same order of operations. Every
 * float32 operation is one Math.fround of the double result: for a sum, difference or
 * quotient of two float32 values, rounding the exact double result to float32 gives the
 * correctly rounded float32 result (double has more than 2 x 24 + 2 bits), so the
 * values equal the C++ ones bit for bit.
 *
 * This is the slow, exact path: four passes over the whole image. pdq.ts runs it only
 * when the fast path's result could differ from the reference's (exactness-bound.ts).
 */
import { decimationIndex, jaroszWindowSize, PDQ_DOWNSAMPLED_SIZE as N } from "./jarosz.js";
import { lumaRow } from "./luma.js";
import type { PixelImage } from "./pixel-image.js";

const f = Math.fround;

/** Full-image float32 buffers reused between calls, so the exact path allocates once per size. */
let planeA = new Float32Array(0);
let planeB = new Float32Array(0);
let lumaScratch = new Float64Array(0);

function ensure(size: number, width: number): void {
  if (planeA.length < size) {
    planeA = new Float32Array(size);
    planeB = new Float32Array(size);
  }
  if (lumaScratch.length < width) lumaScratch = new Float64Array(width);
}

/** The reference's luma plane (fillFloatLumaFromRGB / fillFloatLumaFromGrey): float32, row-major. */
function fillLuma(image: PixelImage, out: Float32Array): void {
  const { pixels, width, height, channels } = image;
  for (let r = 0; r < height; r++) {
    lumaRow(pixels, r * width * channels, width, channels, lumaScratch);
    out.set(lumaScratch.subarray(0, width), r * width);
  }
}

/**
 * box1DFloat: a running float32 sum over a window that grows, slides and shrinks, each
 * output the float32 quotient of the sum by the current count. `length` samples from
 * `base`, `stride` apart.
 */
function box1D(
  input: Float32Array,
  output: Float32Array,
  base: number,
  length: number,
  stride: number,
  fullWindow: number,
): void {
  const half = Math.floor((fullWindow + 2) / 2);
  const phase1 = half - 1;
  const phase2 = fullWindow - half + 1;
  const phase3 = length - fullWindow;
  const phase4 = half - 1;
  let li = base;
  let ri = base;
  let oi = base;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < phase1; i++, ri += stride) {
    sum = f(sum + input[ri]);
    count++;
  }
  for (let i = 0; i < phase2; i++, ri += stride, oi += stride) {
    sum = f(sum + input[ri]);
    count++;
    output[oi] = sum / count; // a Float32Array store rounds to float32
  }
  for (let i = 0; i < phase3; i++, li += stride, ri += stride, oi += stride) {
    sum = f(sum + input[ri]);
    sum = f(sum - input[li]);
    output[oi] = sum / count;
  }
  for (let i = 0; i < phase4; i++, li += stride, oi += stride) {
    sum = f(sum - input[li]);
    count--;
    output[oi] = sum / count;
  }
}

/**
 * The same running sums down all columns at once, walking the plane row by row so the
 * memory is read in order (each column's arithmetic, and so its result, is unchanged).
 */
function boxColumns(
  input: Float32Array,
  output: Float32Array,
  rows: number,
  cols: number,
  fullWindow: number,
): void {
  const half = Math.floor((fullWindow + 2) / 2);
  const sums = new Float32Array(cols);
  let count = 0;
  let readRow = 0;
  let leftRow = 0;
  let outRow = 0;
  const add = (r: number) => {
    const at = r * cols;
    for (let c = 0; c < cols; c++) sums[c] = sums[c] + input[at + c];
  };
  const subtract = (r: number) => {
    const at = r * cols;
    for (let c = 0; c < cols; c++) sums[c] = sums[c] - input[at + c];
  };
  const write = () => {
    const at = outRow * cols;
    for (let c = 0; c < cols; c++) output[at + c] = sums[c] / count;
    outRow++;
  };
  for (let i = 0; i < half - 1; i++) {
    add(readRow++);
    count++;
  }
  for (let i = 0; i < fullWindow - half + 1; i++) {
    add(readRow++);
    count++;
    write();
  }
  for (let i = 0; i < rows - fullWindow; i++) {
    add(readRow++);
    subtract(leftRow++);
    write();
  }
  for (let i = 0; i < half - 1; i++) {
    subtract(leftRow++);
    count--;
    write();
  }
}

/**
 * The reference's 64x64 buffer for an image of at least 5x5 pixels. `asPlainHash`: the
 * reference's single-hash entry point (pdqFloat256FromFloatLuma) takes a 64x64 luma as it
 * is, unfiltered; its dihedral entry point filters every size.
 */
export function referenceBuffer64(image: PixelImage, asPlainHash: boolean, out: Float32Array): void {
  const { width, height } = image;
  ensure(width * height, width);
  const a = planeA;
  const b = planeB;
  fillLuma(image, a);
  if (asPlainHash && width === N && height === N) {
    out.set(a.subarray(0, N * N));
    return;
  }
  const alongRows = jaroszWindowSize(width, N);
  const alongCols = jaroszWindowSize(height, N);
  for (let pass = 0; pass < 2; pass++) {
    for (let r = 0; r < height; r++) box1D(a, b, r * width, width, 1, alongRows);
    boxColumns(b, a, height, width, alongCols);
  }
  for (let p = 0; p < N; p++) {
    const row = decimationIndex(p, height, N) * width;
    for (let q = 0; q < N; q++) out[p * N + q] = a[row + decimationIndex(q, width, N)];
  }
}
