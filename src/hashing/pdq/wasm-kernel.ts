/**
 * Loads the WebAssembly PDQ kernel (wasm/pdq-kernel.as.ts) and runs the luma and
 * horizontal-kernel pass through it. Each thread gets its own instance. When the
 * module is missing (not built) or the runtime lacks WebAssembly SIMD, callers
 * fall back to the JavaScript pass, which gives the same hashes, slower.
 * Set VIGIL_PDQ_WASM=0 to force the JavaScript pass.
 */
import { readFileSync } from "node:fs";
import type { AxisKernels } from "./jarosz.js";
import type { PixelImage } from "./pixel-image.js";

interface KernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  rowsToColumns(
    pixels: number,
    width: number,
    channels: number,
    rowFrom: number,
    rowTo: number,
    luma: number,
    start: number,
    length: number,
    offset: number,
    weights: number,
    out: number,
  ): void;
}

const PAGE = 65536;
/**
 * Pixels are copied in bands of about this many bytes, so each band is still in
 * cache when the kernel reads it: copying a whole 36 MB image first and reading it
 * again cost a quarter of the hash time.
 */
const BAND_BYTES = 256 * 1024;
/** After hashing a huge image, give its memory back instead of keeping it for the thread's life. */
const KEEP_AT_MOST = 256 * 1024 * 1024;

let compiled: WebAssembly.Module | null | undefined;
let instance: KernelExports | null = null;
let disabled = false;

/** Turns the kernel off before first use (app/config.ts and the CLI: VIGIL_PDQ_WASM=0; bulk hashing passes it to its workers). */
export function disableWasmKernel(): void {
  disabled = true;
}

/** Whether the kernel was turned off (bulk hashing tells its worker threads). */
export function wasmKernelDisabled(): boolean {
  return disabled;
}

function compile(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  if (disabled) return compiled;
  try {
    compiled = new WebAssembly.Module(readFileSync(new URL("./wasm/pdq-kernel.wasm", import.meta.url)));
  } catch {
    compiled = null; // not built, or no SIMD support: the JavaScript pass is used
  }
  return compiled;
}

function kernel(): KernelExports | null {
  if (instance) return instance;
  const module = compile();
  if (!module) return null;
  instance = new WebAssembly.Instance(module, { env: { abort: () => {} } })
    .exports as unknown as KernelExports;
  return instance;
}

export function wasmKernelAvailable(): boolean {
  return kernel() !== null;
}

const align = (n: number) => (n + 15) & ~15;

/**
 * Rows rowFrom..rowTo of `image` through luma and the horizontal kernels; returns
 * a view of rows x 64 float64 values (row r at r * 64), valid until the next call.
 */
export function wasmRowsToColumns(
  image: PixelImage,
  horizontal: AxisKernels,
  rowFrom: number,
  rowTo: number,
): Float64Array | null {
  const k = kernel();
  if (!k) return null;
  const { pixels, width, height, channels } = image;
  const stride = width * channels;
  const bandRows = Math.max(1, Math.floor(BAND_BYTES / stride));
  const pixelsAt = align(k.heapBase());
  const lumaAt = align(pixelsAt + bandRows * stride + 16); // SIMD loads read up to 16 bytes past a row
  const startAt = align(lumaAt + width * 4 + 16);
  const lengthAt = startAt + 256;
  const offsetAt = lengthAt + 256;
  const weightsAt = align(offsetAt + 256);
  const outAt = align(weightsAt + horizontal.weights.length * 8);
  const end = outAt + height * 64 * 8;
  const have = k.memory.buffer.byteLength;
  if (end > have) k.memory.grow(Math.ceil((end - have) / PAGE));
  const buffer = k.memory.buffer;
  new Int32Array(buffer, startAt, 64).set(horizontal.start);
  new Int32Array(buffer, lengthAt, 64).set(horizontal.length);
  new Int32Array(buffer, offsetAt, 64).set(horizontal.offset);
  new Float64Array(buffer, weightsAt, horizontal.weights.length).set(horizontal.weights);
  const band = new Uint8Array(buffer, pixelsAt, bandRows * stride);
  for (let from = rowFrom; from <= rowTo; from += bandRows) {
    const to = Math.min(rowTo, from + bandRows - 1);
    band.set(pixels.subarray(from * stride, (to + 1) * stride));
    k.rowsToColumns(
      pixelsAt,
      width,
      channels,
      from,
      to,
      lumaAt,
      startAt,
      lengthAt,
      offsetAt,
      weightsAt,
      outAt,
    );
  }
  const columns = new Float64Array(buffer, outAt, height * 64);
  if (buffer.byteLength > KEEP_AT_MOST) instance = null;
  return columns;
}
