/**
 * When can the fast path's hash and quality differ from the reference's? A proven bound.
 *
 * The fast path (pdq.ts) computes the 64x64 down-sample F with composite kernels in
 * double precision and rounds each value to float32 once. The reference computes R with
 * float32 running sums (box1DFloat), rounding at every step. Both then run the same
 * float32 DCT (dct.ts emulates the reference's order), quality and median. Let X be the
 * exact real-number down-sample of the same float32 luma (what the composite kernels
 * express), u = 2^-24 the float32 unit roundoff, M = 256 a bound on every luma and every
 * average of lumas, even with the errors below (all far less than 1).
 *
 * 1. One box pass over a vector of L samples with full window W (count c >= W/2 at
 *    every output: the window grows from floor((W+2)/2) and shrinks to W - floor((W+2)/2)
 *    + 1). Its running sum does at most 2L float32 additions or subtractions, each with an
 *    error of at most u |result| <= u W M, and the errors stay in the sum: after any step
 *    the sum is off by at most A = 2 L u W M / (1 - 2 L u). The output sum / c is off by
 *    A / c <= 4 L u M / (1 - 2 L u) plus the rounding of the quotient, u M. An average of
 *    inputs that were each off by e is off by at most e, so the errors of the passes add.
 *    With two passes along rows (L = width) and two along columns (L = height):
 *      |R - X| <= 2 pass(width) + 2 pass(height).
 *    The fast path's own error: the double-precision dot products (at most 2^-50 of M per
 *    value, bounded here by 1e-9) and one rounding to float32, u M. So
 *      bufferError = |F - R| <= 2 pass(width) + 2 pass(height) + u M + 1e-9.
 *    A 64x64 input hashed with the single-hash entry point is used unfiltered by both: 0.
 * 2. DCT. B = D A D^T with the float32 matrix D, S = max_i sum_k |D[i][k]|. In exact
 *    arithmetic a change of at most e in every input changes every coefficient by at
 *    most S^2 e. A float32 dot product of 64 terms (products and sums rounded) is off by
 *    at most g sum|x y|, g = 64u / (1 - 64u) [Higham, Accuracy and Stability of Numerical
 *    Algorithms, 3.1]. With |A| <= M: each T = D A value is off by at most t = g S M; each
 *    B value by S t (the T errors, through D) + g S (S M + t) (its own rounding), which is
 *    r = DCT_ROUNDING_BOUND. Both sides round, so per coefficient:
 *      dctError = S^2 bufferError + 2 r.
 * 3. Bits. If every reference coefficient is within dctError of ours and ours has
 *    sorted[128] - sorted[127] > 2 dctError, the 128 lowest coefficients stay below the
 *    128 highest in the reference, so its median (sorted[127], what torben() returns for
 *    256 values) splits them the same way: same hash. The same holds for each dihedral
 *    variant, whose coefficients are ours with signs changed.
 * 4. Quality. Each gradient term is trunc(fl(fl(fl(u - v) * 100) / 255)); the difference
 *    u - v is off by at most 2 bufferError plus the two subtractions' rounding (2^-15).
 *    A term whose value could cross an integer within that margin may change by one;
 *    the quality is certain when the lowest and highest possible sums give the same
 *    min(100, trunc(sum / 90)).
 *
 * test/hashing/pdq-exactness-bound.test.ts checks each step against the exact emulation.
 */
import { DCT_MATRIX } from "./dct.js";
import { jaroszWindowSize, PDQ_DOWNSAMPLED_SIZE as N } from "./jarosz.js";

const U = 2 ** -24;
const M = 256;

/** Bound on one box pass's error over a vector of `length` samples (step 1). */
export function boxPassErrorBound(length: number): number {
  const window = jaroszWindowSize(length, N);
  const ops = 2 * length;
  const sumError = (ops * U * window * M) / (1 - ops * U);
  return sumError / (window / 2) + U * M;
}

/** Bound on |fast - reference| for every value of the 64x64 buffer (step 1). */
export function bufferErrorBound(width: number, height: number, filtered: boolean): number {
  if (!filtered) return 0;
  return 2 * boxPassErrorBound(width) + 2 * boxPassErrorBound(height) + U * M + 1e-9;
}

const DCT_ROW_ABS_SUM = (() => {
  let max = 0;
  for (let i = 0; i < 16; i++) {
    let s = 0;
    for (let k = 0; k < 64; k++) s += Math.abs(DCT_MATRIX[i * 64 + k]);
    max = Math.max(max, s);
  }
  return max;
})();

const G64 = (64 * U) / (1 - 64 * U);

/** Bound on the float32 rounding of one DCT run on inputs of magnitude at most M (step 2). */
export const DCT_ROUNDING_BOUND = (() => {
  const s = DCT_ROW_ABS_SUM;
  const firstStage = G64 * s * M; // each T value
  const tMax = s * M + firstStage;
  return s * firstStage + G64 * s * tMax;
})();

/** Bound on |fast - reference| for every DCT coefficient (step 2). */
export function dctErrorBound(bufferError: number): number {
  return DCT_ROW_ABS_SUM * DCT_ROW_ABS_SUM * bufferError + 2 * DCT_ROUNDING_BOUND;
}

/** Step 3: sorted holds the 256 coefficients in ascending order. */
export function medianSplitIsCertain(sorted: Float64Array, dctError: number): boolean {
  return sorted[128] - sorted[127] > 2 * dctError;
}

const f = Math.fround;

function gradientTerm(diff: number): number {
  return f(f(diff * 100) / 255);
}

/** Step 4: the quality of a 64x64 buffer, or -1 when the reference's could differ. */
export function certainQuality(buffer64: Float32Array, bufferError: number): number {
  // The margin on a term's value: the difference's margin scaled by 100/255, plus its two roundings.
  const margin = ((2 * bufferError + 2 ** -15) * 100) / 255 + 4 * U * 101;
  let low = 0;
  let high = 0;
  const term = (diff: number) => {
    const t = Math.abs(gradientTerm(diff));
    low += Math.floor(Math.max(0, t - margin));
    high += Math.floor(t + margin);
  };
  for (let i = 0; i < 63; i++) {
    for (let j = 0; j < 64; j++) term(f(buffer64[i * 64 + j] - buffer64[(i + 1) * 64 + j]));
  }
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 63; j++) term(f(buffer64[i * 64 + j] - buffer64[i * 64 + j + 1]));
  }
  const quality = (sum: number) => Math.min(100, Math.trunc(sum / 90));
  return quality(low) === quality(high) ? quality(low) : -1;
}
