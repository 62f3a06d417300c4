/**
 * The on-disk form of one media blob, sealed with AES-256-GCM (NIST SP 800-38D):
 *
 *   magic "VGMB" (4) | version 1 (1) | key id (8) | nonce (12) | ciphertext | tag (16)
 *
 * The nonce is random per blob; 96 random bits keep the collision chance negligible
 * for far more blobs than one key will ever seal (SP 800-38D section 8.3). The
 * header and the blob's ref are authenticated as additional data, so a header cannot
 * be edited and a blob cannot be swapped under another blob's name unnoticed.
 * Opening returns plaintext only after the tag has verified; nothing partial leaks.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { MediaKey, MediaKeyring } from "./media-key.js";
import { MediaVaultError } from "./media-vault-error.js";

const MAGIC = Buffer.from("VGMB", "latin1");
const VERSION = 1;
const KEY_ID_BYTES = 8;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = MAGIC.length + 1 + KEY_ID_BYTES + NONCE_BYTES;

/** Bytes a sealed blob adds to its plaintext. */
export const BLOB_OVERHEAD = HEADER_BYTES + TAG_BYTES;

function additionalData(header: Uint8Array, ref: string): Buffer {
  return Buffer.concat([header, Buffer.from(ref, "utf8")]);
}

export function sealBlob(plaintext: Uint8Array, ref: string, key: MediaKey): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const header = Buffer.concat([MAGIC, Buffer.of(VERSION), Buffer.from(key.id, "hex"), nonce]);
  const cipher = createCipheriv("aes-256-gcm", key.key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(header, ref));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, ciphertext, cipher.getAuthTag()]);
}

export function openBlob(sealed: Uint8Array, ref: string, keys: MediaKeyring): Buffer {
  if (sealed.length < BLOB_OVERHEAD || !MAGIC.equals(sealed.subarray(0, MAGIC.length))) {
    throw new MediaVaultError("BlobCorrupt", `blob ${ref} is not a Vigil media blob`);
  }
  const version = sealed[MAGIC.length];
  if (version !== VERSION) {
    throw new MediaVaultError("BlobCorrupt", `blob ${ref} has unsupported format version ${version}`);
  }
  const keyIdStart = MAGIC.length + 1;
  const keyId = Buffer.from(sealed.subarray(keyIdStart, keyIdStart + KEY_ID_BYTES)).toString("hex");
  const key = [keys.current, ...keys.previous].find((candidate) => candidate.id === keyId);
  if (!key) {
    throw new MediaVaultError(
      "UnknownMediaKey",
      `blob ${ref} was sealed with media key ${keyId}, which is not configured (see VIGIL_MEDIA_PREVIOUS_KEYS)`,
    );
  }
  const header = sealed.subarray(0, HEADER_BYTES);
  const nonce = sealed.subarray(keyIdStart + KEY_ID_BYTES, HEADER_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", key.key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(additionalData(header, ref));
  decipher.setAuthTag(tag);
  const plaintext = decipher.update(sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES));
  try {
    decipher.final();
  } catch {
    // GCM decrypts before it verifies: wipe what was decrypted so no unauthenticated byte survives.
    plaintext.fill(0);
    throw new MediaVaultError(
      "BlobAuthenticationFailed",
      `blob ${ref} failed authentication: it was altered, truncated, or sealed under another name`,
    );
  }
  return plaintext;
}
