/**
 * Format version 1 of a media blob, kept so blobs sealed before envelope
 * encryption still open. New blobs are never written in it (see blob-cipher.ts):
 *
 *   magic "VGMB" (4) | version 1 (1) | key id (8) | nonce (12) | ciphertext | tag (16)
 *
 * The master key itself sealed the content; the header and the blob's ref are
 * authenticated as additional data (NIST SP 800-38D).
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { MediaKey } from "./media-key.js";
import { MediaVaultError } from "./media-vault-error.js";

export const BLOB_MAGIC = Buffer.from("VGMB", "latin1");
export const KEY_ID_BYTES = 8;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
const V1_HEADER_BYTES = BLOB_MAGIC.length + 1 + KEY_ID_BYTES + NONCE_BYTES;
export const V1_OVERHEAD = V1_HEADER_BYTES + TAG_BYTES;

function additionalData(header: Uint8Array, ref: string): Buffer {
  return Buffer.concat([header, Buffer.from(ref, "utf8")]);
}

/** Only for tests and migration tools that must produce the old format; Vigil writes version 2. */
export function sealBlobV1(plaintext: Uint8Array, ref: string, key: MediaKey): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([BLOB_MAGIC, Buffer.of(1), Buffer.from(key.id, "hex"), nonce]);
  const cipher = createCipheriv("aes-256-gcm", key.key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(header, ref));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, ciphertext, cipher.getAuthTag()]);
}

/** Decrypts with AES-256-GCM and verifies; wipes the output and throws when the tag does not verify. */
export function gcmOpen(
  key: Buffer,
  nonce: Uint8Array,
  aad: Uint8Array,
  body: Uint8Array,
  tag: Uint8Array,
  failure: () => Error,
): Buffer {
  const decipher = createDecipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  const plaintext = decipher.update(body);
  try {
    decipher.final();
  } catch {
    // GCM decrypts before it verifies: wipe what was decrypted so no unauthenticated byte survives.
    plaintext.fill(0);
    throw failure();
  }
  return plaintext;
}

export function openBlobV1(sealed: Uint8Array, ref: string, key: MediaKey): Buffer {
  if (sealed.length < V1_OVERHEAD) {
    throw new MediaVaultError("BlobCorrupt", `blob ${ref} is too short to be a Vigil media blob`);
  }
  const header = sealed.subarray(0, V1_HEADER_BYTES);
  const nonce = sealed.subarray(V1_HEADER_BYTES - NONCE_BYTES, V1_HEADER_BYTES);
  return gcmOpen(
    key.key,
    nonce,
    additionalData(header, ref),
    sealed.subarray(V1_HEADER_BYTES, sealed.length - TAG_BYTES),
    sealed.subarray(sealed.length - TAG_BYTES),
    () =>
      new MediaVaultError(
        "BlobAuthenticationFailed",
        `blob ${ref} failed authentication: it was altered, truncated, or sealed under another name`,
      ),
  );
}
