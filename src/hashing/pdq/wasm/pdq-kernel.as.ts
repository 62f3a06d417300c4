// AssemblyScript, compiled to WebAssembly by scripts/build.mjs (not by tsc).
//
// The hot loop of PDQ: luma of every pixel of a row, exactly as the reference computes
// it in float32 (0.299f R + 0.587f G) + 0.114f B, four pixels at a time with SIMD,
// then the 64 horizontal composite kernels of jarosz.ts applied to that row in
// float64. The caller (wasm-kernel.ts) owns the memory layout: it copies the pixels
// in, puts the kernels after them and reads the 64 columns per row back out.

const R_COEFF: f32 = 0.299;
const G_COEFF: f32 = 0.587;
const B_COEFF: f32 = 0.114;
const KEPT: i32 = 64;

export function heapBase(): usize {
  return __heap_base;
}

// The lanes hold 0..255, so the signed conversion gives the same floats; it is one instruction
// on x86 (cvtdq2ps), where the unsigned one is a sequence of several: 40% of the kernel's time.
@inline
function lumaOf(r: v128, g: v128, b: v128): v128 {
  const red = f32x4.mul(f32x4.splat(R_COEFF), f32x4.convert_i32x4_s(r));
  const green = f32x4.mul(f32x4.splat(G_COEFF), f32x4.convert_i32x4_s(g));
  const blue = f32x4.mul(f32x4.splat(B_COEFF), f32x4.convert_i32x4_s(b));
  return f32x4.add(f32x4.add(red, green), blue);
}

function lumaRowRgb(src: usize, width: i32, channels: i32, luma: usize): void {
  let c = 0;
  if (channels == 3) {
    for (; c + 4 <= width; c += 4) {
      const v = v128.load(src + <usize>(c * 3));
      const r = i8x16.swizzle(v, i8x16(0, -1, -1, -1, 3, -1, -1, -1, 6, -1, -1, -1, 9, -1, -1, -1));
      const g = i8x16.swizzle(v, i8x16(1, -1, -1, -1, 4, -1, -1, -1, 7, -1, -1, -1, 10, -1, -1, -1));
      const b = i8x16.swizzle(v, i8x16(2, -1, -1, -1, 5, -1, -1, -1, 8, -1, -1, -1, 11, -1, -1, -1));
      v128.store(luma + <usize>(c << 2), lumaOf(r, g, b));
    }
  } else {
    for (; c + 4 <= width; c += 4) {
      const v = v128.load(src + <usize>(c << 2));
      const r = i8x16.swizzle(v, i8x16(0, -1, -1, -1, 4, -1, -1, -1, 8, -1, -1, -1, 12, -1, -1, -1));
      const g = i8x16.swizzle(v, i8x16(1, -1, -1, -1, 5, -1, -1, -1, 9, -1, -1, -1, 13, -1, -1, -1));
      const b = i8x16.swizzle(v, i8x16(2, -1, -1, -1, 6, -1, -1, -1, 10, -1, -1, -1, 14, -1, -1, -1));
      v128.store(luma + <usize>(c << 2), lumaOf(r, g, b));
    }
  }
  for (; c < width; c++) {
    const p = src + <usize>(c * channels);
    const y: f32 = R_COEFF * <f32>load<u8>(p) + G_COEFF * <f32>load<u8>(p, 1) + B_COEFF * <f32>load<u8>(p, 2);
    store<f32>(luma + <usize>(c << 2), y);
  }
}

function lumaRowGrey(src: usize, width: i32, channels: i32, luma: usize): void {
  let c = 0;
  if (channels == 1) {
    for (; c + 4 <= width; c += 4) {
      const bytes = v128.load32_zero(src + <usize>c);
      const words = i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(bytes));
      v128.store(luma + <usize>(c << 2), f32x4.convert_i32x4_s(words));
    }
  }
  for (; c < width; c++) store<f32>(luma + <usize>(c << 2), <f32>load<u8>(src + <usize>(c * channels)));
}

/**
 * For rows rowFrom..rowTo, whose pixels start at `pixels` (row rowFrom first): luma
 * into `luma` (width f32 values), then
 * out[r * 64 + q] = sum_k weights[offset[q] + k] * luma[start[q] + k] as f64.
 */
export function rowsToColumns(
  pixels: usize,
  width: i32,
  channels: i32,
  rowFrom: i32,
  rowTo: i32,
  luma: usize,
  start: usize,
  length: usize,
  offset: usize,
  weights: usize,
  out: usize,
): void {
  const stride = <usize>width * <usize>channels;
  for (let r = rowFrom; r <= rowTo; r++) {
    const src = pixels + <usize>(r - rowFrom) * stride;
    if (channels >= 3) lumaRowRgb(src, width, channels, luma);
    else lumaRowGrey(src, width, channels, luma);
    const row = out + <usize>(r * KEPT) * 8;
    for (let q = 0; q < KEPT; q++) {
      const s = load<i32>(start + <usize>(q << 2));
      const len = load<i32>(length + <usize>(q << 2));
      const lp = luma + <usize>(s << 2);
      const wp = weights + <usize>(load<i32>(offset + <usize>(q << 2)) << 3);
      let acc = f64x2.splat(0);
      let k = 0;
      for (; k + 2 <= len; k += 2) {
        const l = f64x2.promote_low_f32x4(v128.load64_zero(lp + <usize>(k << 2)));
        acc = f64x2.add(acc, f64x2.mul(v128.load(wp + <usize>(k << 3)), l));
      }
      let sum = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
      for (; k < len; k++) sum += load<f64>(wp + <usize>(k << 3)) * <f64>load<f32>(lp + <usize>(k << 2));
      store<f64>(row + <usize>(q << 3), sum);
    }
  }
}
