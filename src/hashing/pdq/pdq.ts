/**
 * PDQ: a 256-bit perceptual hash of an image and a quality score 0..100, written from
 * the published algorithm ("The TMK+PDQF and PDQ hashing algorithms", Meta, 2019) and
 * checked bit for bit against the reference C++ (ThreatExchange pdq/cpp).
 *
 * luma -> Jarosz box filter and decimation to 64x64 -> quality -> 16x16 DCT (no DC)
 * -> each coefficient above the median sets its bit.
 *
 * The fast path filters with composite kernels in double precision, where the reference
 * rounds running sums to float32; it equals the reference except at near-ties (about 4%
 * of generated images, a few bits each). With `exact`, when a DCT value is close enough
 * to the median, or a quality term to a rounding edge, that the difference could change
 * the result (exactness-bound.ts proves how close), the down-sample is recomputed as the
 * reference does (reference-float32.ts): the reference's hash always, but today the
 * bound is loose and the float32 path is scalar, so nearly every photo takes it (about
 * 2x the C++ library's time against 0.12x): opt-in until a SIMD float32 kernel lands.
 */
import { dct64To16 } from "./dct.js";
import { DIHEDRAL_NAMES, DIHEDRAL_TRANSFORMS, type DihedralName } from "./dihedral.js";
import { bufferErrorBound, certainQuality, dctErrorBound, medianSplitIsCertain } from "./exactness-bound.js";
import { emptyHash256, type Hash256, setBit } from "./hash256.js";
import { type AxisKernels, PDQ_DOWNSAMPLED_SIZE as N, pdqAxisKernels } from "./jarosz.js";
import { lumaRow } from "./luma.js";
import type { PixelImage } from "./pixel-image.js";
import { pdqQuality } from "./quality.js";
import { referenceBuffer64 } from "./reference-float32.js";
import { wasmRowsToColumns } from "./wasm-kernel.js";

export type { PixelImage } from "./pixel-image.js";

/** Images narrower or shorter than this get the all-zero hash and quality 0, as in the reference. */
export const PDQ_MIN_DIMENSION = 5;

export interface PdqResult {
  hash: Hash256;
  quality: number;
}

export type DihedralHashes = Record<DihedralName, Hash256>;

export interface PdqDihedralResult extends PdqResult {
  dihedral: DihedralHashes;
}

/** How many hashes each path computed in this thread, for the bench. */
export const pdqPathCounts = { fast: 0, exact: 0 };

/** Scratch buffers reused between calls on one thread, so hashing allocates little. */
class Workspace {
  row = new Float64Array(0);
  columns = new Float64Array(0); // rows x 64: the horizontal pass, kept columns only
  readonly buffer64 = new Float32Array(N * N);
  readonly exactBuffer64 = new Float32Array(N * N);
  readonly dctScratch = new Float64Array(16 * N);
  readonly dct = new Float64Array(256);
  readonly transformed = new Float64Array(256);
  readonly sorted = new Float64Array(256);

  ensure(width: number, height: number): void {
    if (this.row.length < width) this.row = new Float64Array(width);
    if (this.columns.length < height * N) this.columns = new Float64Array(height * N);
  }
}

const workspace = new Workspace();

/**
 * The 64x64 float32 down-sample of an image's luma: for every row, the horizontal
 * composite kernels are applied at the 64 kept columns (in WebAssembly where
 * available); then the vertical kernels combine those rows. Rows no kept output
 * reads are never converted to luma.
 */
function downsampleLuma(image: PixelImage, ws: Workspace): Float32Array {
  const { width, height } = image;
  const horizontal = pdqAxisKernels(width);
  const vertical = pdqAxisKernels(height);
  const firstRow = vertical.start[0];
  const lastRow = vertical.start[N - 1] + vertical.length[N - 1] - 1;
  const columns =
    wasmRowsToColumns(image, horizontal, firstRow, lastRow) ??
    horizontalPass(image, horizontal, firstRow, lastRow, ws);
  const buffer = ws.buffer64;
  for (let p = 0; p < N; p++) {
    const s = vertical.start[p];
    const o = vertical.offset[p];
    const len = vertical.length[p];
    for (let q = 0; q < N; q++) {
      let sum = 0;
      for (let k = 0; k < len; k++) sum += vertical.weights[o + k] * columns[(s + k) * N + q];
      buffer[p * N + q] = sum;
    }
  }
  return buffer;
}

/** A copy of the fast path's 64x64 down-sample, for tests that check its error bound. */
export function fastBuffer64(image: PixelImage): Float32Array {
  checkImage(image);
  return Float32Array.from(downsampleLuma(image, workspace));
}

/** The JavaScript luma and horizontal pass, used where the WebAssembly kernel is not available. */
function horizontalPass(
  image: PixelImage,
  horizontal: AxisKernels,
  firstRow: number,
  lastRow: number,
  ws: Workspace,
): Float64Array {
  const { pixels, width, height, channels } = image;
  ws.ensure(width, height);
  const row = ws.row;
  const columns = ws.columns;
  const hStart = horizontal.start;
  const hLength = horizontal.length;
  const hOffset = horizontal.offset;
  const hWeights = horizontal.weights;
  for (let r = firstRow; r <= lastRow; r++) {
    lumaRow(pixels, r * width * channels, width, channels, row);
    const out = r * N;
    for (let q = 0; q < N; q++) {
      let sum = 0;
      const s = hStart[q];
      const o = hOffset[q];
      const len = hLength[q];
      for (let k = 0; k < len; k++) sum += hWeights[o + k] * row[s + k];
      columns[out + q] = sum;
    }
  }
  return columns;
}

/** Sorts the coefficients into `sorted`; true when the median split is beyond the fast path's error. */
function sortAndCheck(dct: Float64Array, sorted: Float64Array, dctError: number): boolean {
  sorted.set(dct);
  sorted.sort();
  return medianSplitIsCertain(sorted, dctError);
}

/** Bits of a 16x16 DCT: set where the coefficient exceeds the median (the lower one, as torben() returns). */
function bitsFromDct(dct: Float64Array, sorted: Float64Array): Hash256 {
  sorted.set(dct);
  sorted.sort();
  const median = sorted[127];
  const hash = emptyHash256();
  for (let k = 0; k < 256; k++) if (dct[k] > median) setBit(hash, k);
  return hash;
}

function checkImage(image: PixelImage): void {
  const { pixels, width, height, channels } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`invalid image size ${width}x${height}`);
  }
  if (pixels.length < width * height * channels) {
    throw new RangeError(`pixel buffer holds ${pixels.length} bytes, ${width}x${height}x${channels} needed`);
  }
}

function tooSmall(image: PixelImage): boolean {
  return image.width < PDQ_MIN_DIMENSION || image.height < PDQ_MIN_DIMENSION;
}

/**
 * The 16x16 DCT and quality into ws.dct by the fast path; with `exact`, only when the
 * error bound shows its result is certainly the reference's (for every median split the
 * caller will use: the 8 variants when `dihedral`), else by the exact path.
 * `asPlainHash`: the reference's single-hash entry point, which takes a 64x64 image
 * unfiltered.
 */
function dctAndQuality(
  image: PixelImage,
  ws: Workspace,
  asPlainHash: boolean,
  dihedral: boolean,
  exact: boolean,
): number {
  const buffer = downsampleLuma(image, ws);
  if (!exact) {
    pdqPathCounts.fast++;
    dct64To16(buffer, ws.dct, ws.dctScratch);
    return pdqQuality(buffer);
  }
  const filtered = !(asPlainHash && image.width === N && image.height === N);
  const bufferError = bufferErrorBound(image.width, image.height, filtered);
  let quality = certainQuality(buffer, bufferError);
  if (quality >= 0) {
    dct64To16(buffer, ws.dct, ws.dctScratch);
    const dctError = dctErrorBound(bufferError);
    let certain = true;
    if (dihedral) {
      for (const name of DIHEDRAL_NAMES) {
        DIHEDRAL_TRANSFORMS[name](ws.dct, ws.transformed);
        if (!sortAndCheck(ws.transformed, ws.sorted, dctError)) {
          certain = false;
          break;
        }
      }
    } else certain = sortAndCheck(ws.dct, ws.sorted, dctError);
    if (certain) {
      pdqPathCounts.fast++;
      return quality;
    }
  }
  pdqPathCounts.exact++;
  referenceBuffer64(image, asPlainHash, ws.exactBuffer64);
  quality = pdqQuality(ws.exactBuffer64);
  dct64To16(ws.exactBuffer64, ws.dct, ws.dctScratch);
  return quality;
}

/** PDQ hash and quality of an image; `exact`: the reference's bits at near-ties too (slower). */
export function pdqFromPixels(image: PixelImage, exact = false): PdqResult {
  checkImage(image);
  if (tooSmall(image)) return { hash: emptyHash256(), quality: 0 };
  const ws = workspace;
  const quality = dctAndQuality(image, ws, true, false, exact);
  return { hash: bitsFromDct(ws.dct, ws.sorted), quality };
}

/** PDQ hash of the image and of its seven rotations and reflections, from one DCT. */
export function pdqDihedralFromPixels(image: PixelImage, exact = false): PdqDihedralResult {
  checkImage(image);
  const dihedral = {} as DihedralHashes;
  if (tooSmall(image)) {
    for (const name of DIHEDRAL_NAMES) dihedral[name] = emptyHash256();
    return { hash: dihedral.original, quality: 0, dihedral };
  }
  const ws = workspace;
  const quality = dctAndQuality(image, ws, false, true, exact);
  for (const name of DIHEDRAL_NAMES) {
    DIHEDRAL_TRANSFORMS[name](ws.dct, ws.transformed);
    dihedral[name] = bitsFromDct(ws.transformed, ws.sorted);
  }
  return { hash: dihedral.original, quality, dihedral };
}
