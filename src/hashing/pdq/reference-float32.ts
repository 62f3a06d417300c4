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
let planeC = new Float32Array(0);
let lumaScratch = new Float64Array(0);

function ensure(size: number, width: number): void {
  if (planeA.length < size) {
    planeA = new Float32Array(size);
    planeB = new Float32Array(size);
    planeC = new Float32Array(size);
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
 * box1DFloat over one contiguous vector: a running float32 sum over a window that grows,
 * slides and shrinks, each output the float32 quotient of the sum by the current count.
 */
function box1D(
  input: Float32Array,
  output: Float32Array,
  base: number,
  length: number,
  fullWindow: number,
): void {
  const half = Math.floor((fullWindow + 2) / 2);
  let li = base;
  let ri = base;
  let oi = base;
  let sum = 0;
  let count = 0;
  for (let i = 0; i < half - 1; i++) {
    sum = f(sum + input[ri++]);
    count++;
  }
  for (let i = 0; i < fullWindow - half + 1; i++) {
    sum = f(sum + input[ri++]);
    count++;
    output[oi++] = sum / count; // a Float32Array store rounds to float32
  }
  for (let i = 0; i < length - fullWindow; i++) {
    sum = f(sum + input[ri++]);
    sum = f(sum - input[li++]);
    output[oi++] = sum / count;
  }
  for (let i = 0; i < half - 1; i++) {
    sum = f(sum - input[li++]);
    count--;
    output[oi++] = sum / count;
  }
}

const TILE = 32;

/**
 * Transposes a rows x cols plane in tiles that stay in cache. A pass along rows then
 * becomes a pass down columns, where every row's running sum advances in one loop over
 * contiguous memory (the sums are independent, so their additions overlap); the
 * arithmetic of each sum, and so its result, is unchanged.
 */
function transpose(input: Float32Array, output: Float32Array, rows: number, cols: number): void {
  for (let r0 = 0; r0 < rows; r0 += TILE) {
    const r1 = Math.min(rows, r0 + TILE);
    for (let c0 = 0; c0 < cols; c0 += TILE) {
      const c1 = Math.min(cols, c0 + TILE);
      for (let r = r0; r < r1; r++) {
        for (let c = c0, i = r * cols + c0; c < c1; c++, i++) output[c * rows + r] = input[i];
      }
    }
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
  keepRows: Uint8Array | null,
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
    if (keepRows === null || keepRows[outRow] === 1) {
      const at = outRow * cols;
      for (let c = 0; c < cols; c++) output[at + c] = sums[c] / count;
    }
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

/** Marks of the 64 positions decimation keeps along an axis, and their list. */
function keptPositions(length: number): { mask: Uint8Array; list: Int32Array } {
  const mask = new Uint8Array(length);
  const list = new Int32Array(N);
  for (let k = 0; k < N; k++) {
    list[k] = decimationIndex(k, length, N);
    mask[list[k]] = 1;
  }
  return { mask, list };
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
  // Planes: a, b row-major (height x width); c transposed (width x height). The reference
  // filters every pixel twice each way; the second round computes only what reaches the
  // 64x64 decimation (the running sums still pass every sample).
  const c = planeC;
  const keptColumns = keptPositions(width);
  const keptRows = keptPositions(height);
  transpose(a, c, height, width);
  boxColumns(c, b, width, height, alongRows, null); // rows, first round (transposed)
  transpose(b, c, width, height);
  boxColumns(c, a, height, width, alongCols, null); // columns, first round
  transpose(a, c, height, width);
  boxColumns(c, b, width, height, alongRows, keptColumns.mask); // rows, second round (transposed)
  for (const q of keptColumns.list) box1D(b, c, q * height, height, alongCols); // kept columns, second round
  for (let p = 0; p < N; p++) {
    const row = keptRows.list[p];
    for (let q = 0; q < N; q++) out[p * N + q] = c[keptColumns.list[q] * height + row];
  }
}
