/**
 * The 2-D DCT of the PDQ paper, keeping the 16x16 lowest frequencies except DC:
 * B = D A D^T with D[i][j] = sqrt(2/64) cos(pi/128 (i+1)(2j+1)), i < 16, j < 64
 * (ThreatExchange pdqhashing.cpp, dct_matrix_64 and dct64To16). D is stored in
 * float32 as the reference stores it.
 */

const ROWS = 16;
const COLS = 64;

export const DCT_MATRIX: Float64Array = (() => {
  const m = new Float64Array(ROWS * COLS);
  const scale = Math.fround(Math.sqrt(2 / COLS));
  for (let i = 0; i < ROWS; i++) {
    for (let j = 0; j < COLS; j++) {
      m[i * COLS + j] = Math.fround(scale * Math.cos((Math.PI / 2 / COLS) * (i + 1) * (2 * j + 1)));
    }
  }
  return m;
})();

/**
 * 64x64 row-major input to 16x16 row-major output, accumulating in single
 * precision in the reference's order (each product and each partial sum rounded to
 * float32), so coefficients that sit on the median compare as they do in C++.
 * `scratch` holds the 16x64 intermediate T = D A.
 */
export function dct64To16(input: Float32Array, output: Float64Array, scratch: Float64Array): void {
  const d = DCT_MATRIX;
  const f = Math.fround;
  for (let i = 0; i < ROWS; i++) {
    const di = i * COLS;
    for (let j = 0; j < COLS; j++) {
      let sum = 0;
      for (let k = 0; k < COLS; k++) sum = f(sum + f(d[di + k] * input[k * COLS + j]));
      scratch[di + j] = sum;
    }
  }
  for (let i = 0; i < ROWS; i++) {
    const t = i * COLS;
    for (let j = 0; j < ROWS; j++) {
      const dj = j * COLS;
      let sum = 0;
      for (let k = 0; k < COLS; k++) sum = f(sum + f(scratch[t + k] * d[dj + k]));
      output[i * ROWS + j] = sum;
    }
  }
}
