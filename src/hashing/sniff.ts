/**
 * Tells images from videos by their first bytes, never by the file name: a text
 * file named .jpg must be refused as what it is.
 */
export type MediaKind = "image" | "video" | "unknown";

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

/** ISO base media files (MP4, MOV, 3GP) and their still-image cousins (HEIF, AVIF) share the `ftyp` box. */
const STILL_IMAGE_BRANDS = new Set(["avif", "avis", "heic", "heix", "heim", "heis", "mif1", "msf1"]);

export function sniffMediaKind(bytes: Uint8Array): MediaKind {
  if (bytes.length < 4) return "unknown";
  const b = bytes;
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image"; // JPEG
  if (b[0] === 0x89 && ascii(b, 1, 4) === "PNG") return "image";
  if (ascii(b, 0, 4) === "GIF8") return "image";
  if (
    (b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a) ||
    (b[0] === 0x4d && b[1] === 0x4d && b[3] === 0x2a)
  ) {
    return "image"; // TIFF
  }
  if (b[0] === 0x42 && b[1] === 0x4d) return "image"; // BMP
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF") {
    const form = ascii(b, 8, 12);
    if (form === "WEBP") return "image";
    if (form === "AVI ") return "video";
  }
  if (b.length >= 12 && ascii(b, 4, 8) === "ftyp") {
    return STILL_IMAGE_BRANDS.has(ascii(b, 8, 12)) ? "image" : "video";
  }
  if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return "video"; // Matroska, WebM
  if (ascii(b, 0, 3) === "FLV") return "video";
  if (b[0] === 0x47 && b.length > 188 && b[188] === 0x47) return "video"; // MPEG transport stream
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0x01 && (b[3] === 0xba || b[3] === 0xb3)) return "video"; // MPEG-PS
  return "unknown";
}
