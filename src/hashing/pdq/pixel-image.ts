/**
 * The decoded image every PDQ step reads, in its own module so that pdq.ts and the
 * WebAssembly kernel loader can both use it without importing each other.
 */
import type { ChannelCount } from "./luma.js";

/** Interleaved 8-bit pixels as a decoder hands them over. */
export interface PixelImage {
  pixels: Uint8Array;
  width: number;
  height: number;
  channels: ChannelCount;
}
