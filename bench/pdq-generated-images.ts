/**
 * The 1,000 benign generated images of issue 18's PDQ conformance check (gradients, flat
 * areas, stripes, checkers, tiny sizes, seeded noise, in grey, RGB and RGBA, half of them
 * through JPEG at every quality from 0 to 100), shared by
 * test/hashing/pdq-cpp-driver.test.ts and the hashing bench. Deterministic: the same
 * seed gives the same pixels on every machine (sharp's JPEG encoder is the same build).
 */
import sharp from "sharp";
import { seededRandom } from "../src/demo/patterns.js";
import { DEFAULT_DECODE_OPTIONS, decodeImage } from "../src/hashing/decode-image.js";
import type { ChannelCount } from "../src/hashing/pdq/luma.js";
import type { PixelImage } from "../src/hashing/pdq/pixel-image.js";

export interface GeneratedImage extends PixelImage {
  label: string;
}

const KINDS = ["gradient", "flat", "two-flats", "stripes", "checker", "radial", "noise", "tiny"] as const;

function shade(kind: (typeof KINDS)[number], random: () => number, w: number, h: number) {
  const a = Math.floor(random() * 256);
  const b = Math.floor(random() * 256);
  const period = 1 + Math.floor(random() * 40);
  const angle = random() * Math.PI;
  const [cx, cy] = [Math.cos(angle), Math.sin(angle)];
  const split = random();
  return (x: number, y: number, c: number): number => {
    const t = (x * cx + y * cy) / Math.max(1, w * Math.abs(cx) + h * Math.abs(cy));
    switch (kind) {
      case "gradient":
        return a + (b - a) * t + c * 7;
      case "flat":
        return a;
      case "two-flats":
        return t < split ? a : b + c;
      case "stripes":
        return Math.floor((x * cx + y * cy) / period) % 2 ? a : b;
      case "checker":
        return (Math.floor(x / period) + Math.floor(y / period)) % 2 ? a : b - c * 20;
      case "radial":
        return a + (b - a) * Math.hypot(x / w - 0.5, y / h - 0.5) * 1.4;
      default:
        return a + (b - a) * random();
    }
  };
}

function render(index: number): GeneratedImage {
  const random = seededRandom(1000 + index * 7919);
  const kind = KINDS[index % KINDS.length];
  const tiny = kind === "tiny" || index % 50 === 3;
  const w = index % 97 === 5 ? 64 : tiny ? 5 + Math.floor(random() * 20) : 8 + Math.floor(random() * 700);
  const h = index % 97 === 5 ? 64 : tiny ? 5 + Math.floor(random() * 20) : 8 + Math.floor(random() * 700);
  const channels = ([1, 3, 4] as ChannelCount[])[index % 3];
  const pixels = new Uint8Array(w * h * channels);
  const at = shade(kind === "tiny" ? KINDS[Math.floor(random() * 7)] : kind, random, w, h);
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let c = 0; c < channels; c++, i++) {
        const v = c === 3 ? 255 : at(x, y, c);
        pixels[i] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
      }
    }
  }
  return { pixels, width: w, height: h, channels, label: `#${index} ${kind} ${w}x${h}x${channels}` };
}

/**
 * Image `index` of the set: odd indices go through a JPEG at quality index % 101 (libjpeg
 * treats 0 as 1, so sharp is asked for at least 1) and Vigil's decoder.
 */
export async function generatedImage(index: number): Promise<GeneratedImage> {
  const raw = render(index);
  if (index % 2 === 0) return raw;
  const quality = Math.max(1, Math.floor(index / 2) % 101);
  const jpeg = await sharp(raw.pixels, {
    raw: { width: raw.width, height: raw.height, channels: raw.channels },
  })
    .jpeg({ quality })
    .toBuffer();
  const decoded = await decodeImage(jpeg, DEFAULT_DECODE_OPTIONS);
  return {
    pixels: decoded.pixels,
    width: decoded.width,
    height: decoded.height,
    channels: decoded.channels,
    label: `${raw.label} jpeg q${quality}`,
  };
}

export const GENERATED_IMAGE_COUNT = 1000;
