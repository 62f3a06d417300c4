/**
 * Luminance as the reference computes it (ThreatExchange pdq/cpp/hashing/pdqhashing.cpp,
 * fillFloatLumaFromRGB): Y = 0.299 R + 0.587 G + 0.114 B in single precision.
 * The per-channel products come from tables of float32 values and each addition is
 * rounded to float32, so every luma value equals the C++ one bit for bit.
 */

const R_COEFF = Math.fround(0.299);
const G_COEFF = Math.fround(0.587);
const B_COEFF = Math.fround(0.114);

function productTable(coefficient: number): Float64Array {
  const table = new Float64Array(256);
  for (let v = 0; v < 256; v++) table[v] = Math.fround(coefficient * v);
  return table;
}

export const LUMA_R = productTable(R_COEFF);
export const LUMA_G = productTable(G_COEFF);
export const LUMA_B = productTable(B_COEFF);

/**
 * fround(0.299f R + 0.587f G) for every (R, G), so a pixel costs two loads, one
 * addition and one rounding (256 KiB, stays in cache). Same values as LUMA_R + LUMA_G.
 */
const LUMA_RG = (() => {
  const table = new Float32Array(65536);
  for (let r = 0; r < 256; r++) for (let g = 0; g < 256; g++) table[(r << 8) | g] = LUMA_R[r] + LUMA_G[g];
  return table;
})();
const LUMA_B32 = Float32Array.from(LUMA_B);

/** Supported interleaved layouts: grey, grey+alpha, RGB, RGBA. Alpha is ignored, as the reference tools drop it. */
export type ChannelCount = 1 | 2 | 3 | 4;

/**
 * Writes one row of luma from interleaved 8-bit pixels into `out`.
 * Grey pixels are used as they are (the reference's fillFloatLumaFromGrey).
 */
export function lumaRow(
  pixels: Uint8Array,
  rowStart: number,
  width: number,
  channels: ChannelCount,
  out: Float64Array,
): void {
  // A literal stride per layout lets the compiler keep the loop tight.
  if (channels === 3) {
    for (let c = 0, i = rowStart; c < width; c++, i += 3) {
      out[c] = Math.fround(LUMA_RG[(pixels[i] << 8) | pixels[i + 1]] + LUMA_B32[pixels[i + 2]]);
    }
  } else if (channels === 4) {
    for (let c = 0, i = rowStart; c < width; c++, i += 4) {
      out[c] = Math.fround(LUMA_RG[(pixels[i] << 8) | pixels[i + 1]] + LUMA_B32[pixels[i + 2]]);
    }
  } else {
    for (let c = 0, i = rowStart; c < width; c++, i += channels) out[c] = pixels[i];
  }
}
