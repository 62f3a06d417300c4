/**
 * Decodes an image into 8-bit interleaved pixels for PDQ, the way the reference
 * tools see it (ImageMagick feeding the C++ library): embedded ICC profiles are not
 * applied, alpha is dropped without compositing, CMYK is converted with the plain
 * formula R = (1 - C)(1 - K) and no profile, palettes are expanded, 16-bit and
 * float samples are reduced to 8 bits, only the first frame of an animation is
 * used, and EXIF orientation is ignored unless asked for (the reference tools
 * ignore it; with `autoOrient` the image is hashed as a viewer displays it).
 */
import sharp, { type Metadata } from "sharp";
import { MediaError } from "./media-error.js";
import type { PixelImage } from "./pdq/pdq.js";

export interface DecodeOptions {
  /** Refuse images with more pixels than this before decoding them (decompression bombs). */
  maxPixels: number;
  /** Rotate/flip as the EXIF Orientation tag says before hashing. */
  autoOrient: boolean;
  /** Give up on one image after this many seconds of decoding. */
  timeoutSeconds: number;
}

export const DEFAULT_DECODE_OPTIONS: DecodeOptions = {
  maxPixels: 100_000_000,
  autoOrient: false,
  timeoutSeconds: 30,
};

export interface DecodedImage extends PixelImage {
  format: string;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, " ").trim();
}

async function readHeader(bytes: Uint8Array): Promise<Metadata> {
  try {
    return await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new MediaError("UnsupportedFormat", `not a decodable image: ${describe(error)}`);
  }
}

/**
 * The pixel count an image declares in its header, read without decoding it,
 * so callers can reserve memory before the decode (src/media/decode-budget.ts).
 */
export async function declaredPixels(bytes: Uint8Array): Promise<number> {
  const header = await readHeader(bytes);
  return (header.width ?? 0) * (header.height ?? 0);
}

/** Naive CMYK to RGB, as ImageMagick converts when writing PNM for the reference hasher. */
function cmykToRgb(cmyk: Uint8Array, pixelCount: number): Uint8Array {
  const rgb = new Uint8Array(pixelCount * 3);
  for (let i = 0, o = 0; o < rgb.length; i += 4, o += 3) {
    const white = 255 - cmyk[i + 3];
    rgb[o] = Math.round(((255 - cmyk[i]) * white) / 255);
    rgb[o + 1] = Math.round(((255 - cmyk[i + 1]) * white) / 255);
    rgb[o + 2] = Math.round(((255 - cmyk[i + 2]) * white) / 255);
  }
  return rgb;
}

export async function decodeImage(
  bytes: Uint8Array,
  options: DecodeOptions = DEFAULT_DECODE_OPTIONS,
): Promise<DecodedImage> {
  const header = await readHeader(bytes);
  const width = header.autoOrient?.width ?? header.width ?? 0;
  const height = header.autoOrient?.height ?? header.height ?? 0;
  if (!width || !height) throw new MediaError("ImageDecodeError", "image has no dimensions");
  if (width * height > options.maxPixels) {
    throw new MediaError(
      "ImageTooLarge",
      `image declares ${width}x${height} pixels, over the limit of ${options.maxPixels} pixels`,
    );
  }
  const isCmyk = header.space === "cmyk";
  let pipeline = sharp(bytes, {
    ignoreIcc: true,
    autoOrient: options.autoOrient,
    limitInputPixels: options.maxPixels,
    failOn: "truncated",
    sequentialRead: true,
    page: 0,
  }).timeout({ seconds: options.timeoutSeconds });
  if (isCmyk) pipeline = pipeline.pipelineColourspace("cmyk").toColourspace("cmyk");
  else pipeline = pipeline.removeAlpha();
  try {
    const { data, info } = await pipeline.raw({ depth: "uchar" }).toBuffer({ resolveWithObject: true });
    const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (isCmyk && info.channels === 4) {
      return {
        pixels: cmykToRgb(pixels, info.width * info.height),
        width: info.width,
        height: info.height,
        channels: 3,
        format: header.format,
      };
    }
    if (info.channels < 1 || info.channels > 4) {
      throw new MediaError("ImageDecodeError", `unexpected ${info.channels}-channel image`);
    }
    return {
      pixels,
      width: info.width,
      height: info.height,
      channels: info.channels as 1 | 2 | 3 | 4,
      format: header.format,
    };
  } catch (error) {
    if (error instanceof MediaError) throw error;
    throw new MediaError("ImageDecodeError", `image could not be decoded: ${describe(error)}`);
  }
}
