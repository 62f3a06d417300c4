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
 * box1DFloat along `rows` consecutive rows at once: each row keeps its own running float32
 * sum, exactly as the reference's loop over one row, but the rows advance together so the
 * additions of different rows overlap instead of waiting on each other. Outputs are written
 * only at the positions `keep` lists (all when null); the sums still pass every sample.
 */
function boxRows(
  input: Float32Array,
  output: Float32Array,
  firstRow: number,
  rows: number,
  length: number,
  fullWindow: number,
  keep: Uint8Array | null,
): void {
  const half = Math.floor((fullWindow + 2) / 2);
  const sums = new Float32Array(rows);
  const base = firstRow * length;
  let count = 0;
  let ri = 0;
  let li = 0;
  let oi = 0;
  const add = (at: number) => {
    for (let r = 0, i = base + at; r < rows; r++, i += length) sums[r] = sums[r] + input[i];
  };
  const subtract = (at: number) => {
    for (let r = 0, i = base + at; r < rows; r++, i += length) sums[r] = sums[r] - input[i];
  };
  const write = () => {
    if (keep === null || keep[oi] === 1) {
      for (let r = 0, i = base + oi; r < rows; r++, i += length) output[i] = sums[r] / count;
    }
    oi++;
  };
  for (let i = 0; i < half - 1; i++) {
    add(ri++);
    count++;
  }
  for (let i = 0; i < fullWindow - half + 1; i++) {
    add(ri++);
    count++;
    write();
  }
  for (let i = 0; i < length - fullWindow; i++) {
    add(ri++);
    subtract(li++);
    write();
  }
  for (let i = 0; i < half - 1; i++) {
    subtract(li++);
    count--;
    write();
  }
}

/** Rows at a time in boxRows: enough independent sums to keep the adder busy, few enough cache lines. */
const ROW_BLOCK = 16;

function boxAllRows(
  input: Float32Array,
  output: Float32Array,
  height: number,
  width: number,
  window: number,
  keep: Uint8Array | null,
): void {
  for (let r = 0; r < height; r += ROW_BLOCK) {
    boxRows(input, output, r, Math.min(ROW_BLOCK, height - r), width, window, keep);
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
  only: Int32Array | null,
  keepRows: Uint8Array | null,
): void {
  if (only) {
    boxSomeColumns(input, output, rows, cols, fullWindow, only, keepRows ?? new Uint8Array(rows).fill(1));
    return;
  }
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

/** boxColumns for the listed columns only, writing only the rows `keepRows` marks. */
function boxSomeColumns(
  input: Float32Array,
  output: Float32Array,
  rows: number,
  cols: number,
  fullWindow: number,
  only: Int32Array,
  keepRows: Uint8Array,
): void {
  const half = Math.floor((fullWindow + 2) / 2);
  const n = only.length;
  const sums = new Float32Array(n);
  let count = 0;
  let readRow = 0;
  let leftRow = 0;
  let outRow = 0;
  const add = (r: number) => {
    const at = r * cols;
    for (let c = 0; c < n; c++) sums[c] = sums[c] + input[at + only[c]];
  };
  const subtract = (r: number) => {
    const at = r * cols;
    for (let c = 0; c < n; c++) sums[c] = sums[c] - input[at + only[c]];
  };
  const write = () => {
    if (keepRows[outRow] === 1) {
      const at = outRow * cols;
      for (let c = 0; c < n; c++) output[at + only[c]] = sums[c] / count;
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
  // The reference filters every pixel twice each way; only values that reach the 64x64
  // decimation are computed in the second round (the running sums still pass every sample).
  const keptColumns = keptPositions(width);
  const keptRows = keptPositions(height);
  boxAllRows(a, b, height, width, alongRows, null);
  boxColumns(b, a, height, width, alongCols, null, null);
  boxAllRows(a, b, height, width, alongRows, keptColumns.mask);
  boxColumns(b, a, height, width, alongCols, keptColumns.list, keptRows.mask);
  for (let p = 0; p < N; p++) {
    const row = decimationIndex(p, height, N) * width;
    for (let q = 0; q < N; q++) out[p * N + q] = a[row + decimationIndex(q, width, N)];
  }
}
