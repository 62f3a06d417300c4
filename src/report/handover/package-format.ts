/**
 * The police hand-over package, a plain folder anyone can inspect:
 *
 *   manifest.json        every other file with its SHA-256 and size (signed)
 *   signature.json       Ed25519 signature over the bytes of manifest.json
 *   public-key.pem       the signing public key (its fingerprint is in both JSON files)
 *   case.json            the case record (case-record.ts)
 *   moderation-history.json, reports-sent.json, holds.json, media.json
 *   media/<media id>.<ext>      every stored media file of the case, decrypted
 *   snapshots/snapshot-<id>.json  case records sealed when holds were placed
 *
 * The signature covers the manifest and the manifest covers every file, so
 * one check of each proves the package is what Vigil wrote.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { z } from "zod";

export const PACKAGE_FORMAT = "vigil-evidence-package/1";
export const MANIFEST_FILE = "manifest.json";
export const SIGNATURE_FILE = "signature.json";
export const PUBLIC_KEY_FILE = "public-key.pem";
/** Files that describe the package rather than being listed in its manifest. */
export const PACKAGE_FILES = [MANIFEST_FILE, SIGNATURE_FILE, PUBLIC_KEY_FILE] as const;

export const ManifestFile = z.strictObject({
  path: z.string().min(1).max(500),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  size: z.number().int().nonnegative(),
});
export type ManifestFile = z.infer<typeof ManifestFile>;

export const Manifest = z.strictObject({
  format: z.literal(PACKAGE_FORMAT),
  case_id: z.number().int(),
  created_at: z.string(),
  created_by: z.string(),
  signing_key_fingerprint: z.string(),
  files: z.array(ManifestFile),
});
export type Manifest = z.infer<typeof Manifest>;

export const Signature = z.strictObject({
  algorithm: z.literal("Ed25519"),
  signed_file: z.literal(MANIFEST_FILE),
  key_fingerprint: z.string(),
  /** base64 of the 64-byte signature (RFC 8032). */
  signature: z.string(),
});
export type Signature = z.infer<typeof Signature>;

/**
 * A manifest path must stay inside the package: relative, forward slashes,
 * no `.`/`..` segments, no empty segments, printable characters only.
 */
export function isSafePackagePath(path: string): boolean {
  const control = [...path].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (path.startsWith("/") || path.includes("\\") || control) return false;
  return path.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
