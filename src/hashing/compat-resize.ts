/**
 * What Meta's `pdq-photo-hasher` does before hashing (ThreatExchange pdq/cpp/io/pdqio.cpp):
 * an image wider or taller than 512 pixels is squashed to exactly 512x512 with
 * CImg's nearest-neighbour resize, whose source index for output x is
 * floor(x * width / 512). Only needed to reproduce that tool's hashes; Vigil's own
 * default hashes the full-resolution pixels, as the PDQ library and
 * python-threatexchange do.
 */
import type { PixelImage } from "./pdq/pdq.js";

export const PHOTO_HASHER_DOWNSAMPLE = 512;

export function photoHasherSquash(image: PixelImage): PixelImage {
  const { width, height, channels, pixels } = image;
  if (width <= PHOTO_HASHER_DOWNSAMPLE && height <= PHOTO_HASHER_DOWNSAMPLE) return image;
  const size = PHOTO_HASHER_DOWNSAMPLE;
  const out = new Uint8Array(size * size * channels);
  const sourceColumn = new Int32Array(size);
  for (let x = 0; x < size; x++) sourceColumn[x] = Math.floor((x * width) / size);
  for (let y = 0; y < size; y++) {
    const sourceRow = Math.floor((y * height) / size) * width;
    for (let x = 0; x < size; x++) {
      const from = (sourceRow + sourceColumn[x]) * channels;
      const to = (y * size + x) * channels;
      for (let c = 0; c < channels; c++) out[to + c] = pixels[from + c];
    }
  }
  return { pixels: out, width: size, height: size, channels };
}
