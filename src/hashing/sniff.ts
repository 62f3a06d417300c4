/**
 * Tells images from videos by their first bytes, never by the file name: a text
 * file named .jpg must be refused as what it is. The MIME type comes from the same
 * bytes, so what Vigil records about stored media never repeats a client's claim.
 */
export type MediaKind = "image" | "video" | "unknown";

export interface SniffedMedia {
  kind: MediaKind;
  /** The IANA media type the magic bytes announce; undefined when unknown. */
  mime: string | undefined;
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** ISO base media files (MP4, MOV, 3GP) and their still-image cousins (HEIF, AVIF) share the `ftyp` box. */
const STILL_IMAGE_BRANDS: ReadonlyMap<string, string> = new Map([
  ["avif", "image/avif"],
  ["avis", "image/avif"],
  ["heic", "image/heic"],
  ["heix", "image/heic"],
  ["heim", "image/heic"],
  ["heis", "image/heic"],
  ["mif1", "image/heif"],
  ["msf1", "image/heif"],
]);

function image(mime: string): SniffedMedia {
  return { kind: "image", mime };
}

function video(mime: string): SniffedMedia {
  return { kind: "video", mime };
}

function isoMedia(brand: string): SniffedMedia {
  const still = STILL_IMAGE_BRANDS.get(brand);
  if (still) return image(still);
  if (brand === "qt  ") return video("video/quicktime");
  if (brand.startsWith("3g")) return video("video/3gpp");
  return video("video/mp4");
}

export function sniffMedia(bytes: Uint8Array): SniffedMedia {
  const unknown: SniffedMedia = { kind: "unknown", mime: undefined };
  if (bytes.length < 4) return unknown;
  const b = bytes;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return image("image/jpeg");
  if (b[0] === 0x89 && ascii(b, 1, 4) === "PNG") return image("image/png");
  if (ascii(b, 0, 4) === "GIF8") return image("image/gif");
  if (
    (b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a) ||
    (b[0] === 0x4d && b[1] === 0x4d && b[3] === 0x2a)
  ) {
    return image("image/tiff");
  }
  if (b[0] === 0x42 && b[1] === 0x4d) return image("image/bmp");
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF") {
    const form = ascii(b, 8, 12);
    if (form === "WEBP") return image("image/webp");
    if (form === "AVI ") return video("video/x-msvideo");
  }
  if (b.length >= 12 && ascii(b, 4, 8) === "ftyp") return isoMedia(ascii(b, 8, 12));
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) {
    // The EBML DocType ("webm" or "matroska") sits in the first few dozen bytes.
    return video(ascii(b, 4, Math.min(b.length, 64)).includes("webm") ? "video/webm" : "video/x-matroska");
  }
  if (ascii(b, 0, 3) === "FLV") return video("video/x-flv");
  if (b[0] === 0x47 && b.length > 188 && b[188] === 0x47) return video("video/mp2t"); // MPEG transport stream
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0x01 && (b[3] === 0xba || b[3] === 0xb3)) {
    return video("video/mpeg"); // MPEG-PS
  }
  return unknown;
}

export function sniffMediaKind(bytes: Uint8Array): MediaKind {
  return sniffMedia(bytes).kind;
}
