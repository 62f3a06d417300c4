/** PDQ (and optionally its dihedral variants) plus MD5 and SHA-256 of one image's bytes. */
import { photoHasherSquash } from "./compat-resize.js";
import { type DecodeOptions, decodeImage } from "./decode-image.js";
import { type ByteDigests, byteDigests } from "./digests.js";
import type { DihedralName } from "./pdq/dihedral.js";
import { hash256ToHex } from "./pdq/hash256.js";
import { pdqDihedralFromPixels, pdqFromPixels } from "./pdq/pdq.js";

/**
 * `full`: PDQ of the full-resolution pixels (the PDQ library, python-threatexchange,
 * HMA). `photo-hasher`: squash to 512x512 first, as Meta's `pdq-photo-hasher` CLI does.
 */
export type PdqMode = "full" | "photo-hasher";

export interface ImageHashOptions {
  mode: PdqMode;
  dihedral: boolean;
  decode: DecodeOptions;
  /** The reference's bits at near-ties too (pdq.ts): slower, opt-in. */
  exact?: boolean;
}

export interface ImageHashes extends ByteDigests {
  kind: "image";
  format: string;
  width: number;
  height: number;
  pdq: string;
  quality: number;
  dihedral?: Record<DihedralName, string>;
}

export async function hashImageBytes(bytes: Uint8Array, options: ImageHashOptions): Promise<ImageHashes> {
  const decoded = await decodeImage(bytes, options.decode);
  const image = options.mode === "photo-hasher" ? photoHasherSquash(decoded) : decoded;
  const base = {
    kind: "image" as const,
    ...byteDigests(bytes),
    format: decoded.format,
    width: decoded.width,
    height: decoded.height,
  };
  if (!options.dihedral) {
    const { hash, quality } = pdqFromPixels(image, options.exact === true);
    return { ...base, pdq: hash256ToHex(hash), quality };
  }
  const { hash, quality, dihedral } = pdqDihedralFromPixels(image, options.exact === true);
  const hex = {} as Record<DihedralName, string>;
  for (const [name, value] of Object.entries(dihedral)) hex[name as DihedralName] = hash256ToHex(value);
  return { ...base, pdq: hash256ToHex(hash), quality, dihedral: hex };
}
