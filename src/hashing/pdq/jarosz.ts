/**
 * The Jarosz down-sampling of the PDQ paper (section "Downsampling"): two passes of
 * a 1-D box filter along each axis, then decimation to 64 samples taken at the
 * centres of 64 equal strips. The reference (ThreatExchange
 * pdq/cpp/downscaling/downscaling.cpp) filters every pixel and then keeps 64x64 of
 * them; because both passes are linear and separable, we instead build, for each
 * of the 64 kept positions, the composite kernel of the two box passes
 * (exactly as the reference's running sums would weight each input, including
 * its shrinking windows at the edges) and apply only those. The results agree with
 * the reference to floating-point rounding and cost about one multiply-add per
 * pixel instead of four passes over the image.
 */

export const PDQ_DOWNSAMPLED_SIZE = 64;

/** Window size of one box pass: ceil(oldDimension / (2 * newDimension)), as in the reference. */
export function jaroszWindowSize(oldDimension: number, newDimension: number): number {
  return Math.floor((oldDimension + 2 * newDimension - 1) / (2 * newDimension));
}

/** Index of the input sample that decimation keeps for output index `outIndex` (centres, not corners). */
export function decimationIndex(outIndex: number, inLength: number, outLength: number): number {
  return Math.floor(((outIndex + 0.5) * inLength) / outLength);
}

/**
 * The span of inputs that the reference's box1DFloat averages into output `o`:
 * it reads (half - 1) samples ahead and (full - half) behind, clamped to the vector,
 * where half = floor((full + 2) / 2).
 */
function boxSpan(o: number, length: number, fullWindow: number): [number, number] {
  const half = Math.floor((fullWindow + 2) / 2);
  const from = Math.max(0, o - (fullWindow - half));
  const to = Math.min(length - 1, o + half - 1);
  return [from, to];
}

/** Composite kernels for the kept positions along one axis: weights[k] applies to input start[i] + k - offset[i]. */
export interface AxisKernels {
  /** First input index each kept output reads. */
  readonly start: Int32Array;
  /** Number of taps of each kept output. */
  readonly length: Int32Array;
  /** Offset of each kept output's taps in `weights`. */
  readonly offset: Int32Array;
  readonly weights: Float64Array;
}

/**
 * Kernels of two box passes followed by decimation along an axis of `inLength`
 * samples to `outLength` kept samples. With a window of 1 (inputs up to 128
 * samples) each kernel is a single tap of weight 1, i.e. plain decimation.
 */
export function compositeKernels(inLength: number, outLength: number, passes = 2): AxisKernels {
  const fullWindow = jaroszWindowSize(inLength, outLength);
  const start = new Int32Array(outLength);
  const length = new Int32Array(outLength);
  const offset = new Int32Array(outLength);
  const perOutput: Float64Array[] = [];
  let total = 0;
  for (let p = 0; p < outLength; p++) {
    // Start from a unit impulse at the kept position and spread it backwards
    // through each pass: weight of input k = sum over o in span(p) of w(o) / |span(o)|.
    let lo = decimationIndex(p, inLength, outLength);
    let hi = lo;
    let w = new Float64Array([1]);
    for (let pass = 0; pass < passes; pass++) {
      const [newLo] = boxSpan(lo, inLength, fullWindow);
      const [, newHi] = boxSpan(hi, inLength, fullWindow);
      const next = new Float64Array(newHi - newLo + 1);
      for (let o = lo; o <= hi; o++) {
        const [from, to] = boxSpan(o, inLength, fullWindow);
        const share = w[o - lo] / (to - from + 1);
        for (let k = from; k <= to; k++) next[k - newLo] += share;
      }
      lo = newLo;
      hi = newHi;
      w = next;
    }
    start[p] = lo;
    length[p] = hi - lo + 1;
    offset[p] = total;
    total += w.length;
    perOutput.push(w);
  }
  const weights = new Float64Array(total);
  for (let p = 0; p < outLength; p++) weights.set(perOutput[p], offset[p]);
  return { start, length, offset, weights };
}

const kernelCache = new Map<number, AxisKernels>();

/** Kernels for an axis of `inLength` down to 64, cached: photos come in few distinct sizes. */
export function pdqAxisKernels(inLength: number): AxisKernels {
  let kernels = kernelCache.get(inLength);
  if (!kernels) {
    kernels = compositeKernels(inLength, PDQ_DOWNSAMPLED_SIZE);
    if (kernelCache.size > 256) kernelCache.clear();
    kernelCache.set(inLength, kernels);
  }
  return kernels;
}

/**
 * The reference's own box filter, kept for tests that check the composite kernels
 * against it (ThreatExchange downscaling.cpp, box1DFloat with its four phases).
 */
export function referenceBox1D(
  input: Float64Array,
  output: Float64Array,
  length: number,
  stride: number,
  fullWindow: number,
  base = 0,
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
    sum += input[ri];
    count++;
  }
  for (let i = 0; i < phase2; i++, ri += stride, oi += stride) {
    sum += input[ri];
    count++;
    output[oi] = sum / count;
  }
  for (let i = 0; i < phase3; i++, li += stride, ri += stride, oi += stride) {
    sum += input[ri];
    sum -= input[li];
    output[oi] = sum / count;
  }
  for (let i = 0; i < phase4; i++, li += stride, oi += stride) {
    sum -= input[li];
    count--;
    output[oi] = sum / count;
  }
}

/** The reference pipeline on a full luma plane: filter every pixel, then decimate. For tests. */
export function referenceDownsample(luma: Float64Array, rows: number, cols: number): Float64Array {
  const a = Float64Array.from(luma);
  const b = new Float64Array(a.length);
  const alongRows = jaroszWindowSize(cols, PDQ_DOWNSAMPLED_SIZE);
  const alongCols = jaroszWindowSize(rows, PDQ_DOWNSAMPLED_SIZE);
  for (let rep = 0; rep < 2; rep++) {
    for (let i = 0; i < rows; i++) referenceBox1D(a, b, cols, 1, alongRows, i * cols);
    for (let j = 0; j < cols; j++) referenceBox1D(b, a, rows, cols, alongCols, j);
  }
  const out = new Float64Array(PDQ_DOWNSAMPLED_SIZE * PDQ_DOWNSAMPLED_SIZE);
  for (let i = 0; i < PDQ_DOWNSAMPLED_SIZE; i++) {
    const ini = decimationIndex(i, rows, PDQ_DOWNSAMPLED_SIZE);
    for (let j = 0; j < PDQ_DOWNSAMPLED_SIZE; j++) {
      out[i * PDQ_DOWNSAMPLED_SIZE + j] = a[ini * cols + decimationIndex(j, cols, PDQ_DOWNSAMPLED_SIZE)];
    }
  }
  return out;
}
