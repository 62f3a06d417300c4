/**
 * The on-disk form of one media blob: envelope encryption with AES-256-GCM
 * (NIST SP 800-38D). Each blob gets its own random data key; the master key
 * from configuration only wraps that data key:
 *
 *   magic "VGMB" (4) | version 2 (1) | master key id (8)
 *   | wrap nonce (12) | wrapped data key (32) | wrap tag (16)
 *   | data nonce (12) | ciphertext | tag (16)
 *
 * So rotating the master key re-wraps 32 bytes per blob (`rewrapBlob`) and
 * leaves the evidence's ciphertext as it was, and a data key never repeats
 * across blobs. Nonces are random; 96 random bits keep collisions negligible
 * (SP 800-38D 8.3), and each data key seals exactly one message. The wrap
 * authenticates the format, the master key id and the blob's ref; the content
 * authenticates the format and the ref (not the wrap, so the wrap can be
 * replaced); so no header byte can be edited and a blob cannot be swapped under
 * another blob's name unnoticed. Opening returns plaintext only after both tags
 * verify. Version 1 blobs (sealed directly
 * by the master key, blob-cipher-v1.ts) still open.
 */
import { createCipheriv, randomBytes } from "node:crypto";
import {
  BLOB_MAGIC,
  gcmOpen,
  KEY_ID_BYTES,
  NONCE_BYTES,
  openBlobV1,
  TAG_BYTES,
  V1_OVERHEAD,
} from "./blob-cipher-v1.js";
import type { MediaKey, MediaKeyring } from "./media-key.js";
import { MediaVaultError } from "./media-vault-error.js";

const ENVELOPE_VERSION = 2;
const DATA_KEY_BYTES = 32;
const PREFIX_BYTES = BLOB_MAGIC.length + 1 + KEY_ID_BYTES;
const WRAP_BYTES = NONCE_BYTES + DATA_KEY_BYTES + TAG_BYTES;
const HEADER_BYTES = PREFIX_BYTES + WRAP_BYTES + NONCE_BYTES;

/** Bytes a sealed blob adds to its plaintext. */
export const BLOB_OVERHEAD = HEADER_BYTES + TAG_BYTES;

function gcmSeal(key: Buffer, nonce: Buffer, aad: Uint8Array, plaintext: Uint8Array): Buffer {
  const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

/** The wrap is bound to the blob's prefix (format, master key id) and its ref. */
function wrapAad(prefix: Uint8Array, ref: string): Buffer {
  return Buffer.concat([prefix, Buffer.from(`data-key:${ref}`, "utf8")]);
}

function wrapDataKey(dataKey: Buffer, ref: string, master: MediaKey): Buffer {
  const prefix = Buffer.concat([BLOB_MAGIC, Buffer.of(ENVELOPE_VERSION), Buffer.from(master.id, "hex")]);
  const nonce = randomBytes(NONCE_BYTES);
  return Buffer.concat([prefix, nonce, gcmSeal(master.key, nonce, wrapAad(prefix, ref), dataKey)]);
}

function contentAad(ref: string): Buffer {
  return Buffer.concat([BLOB_MAGIC, Buffer.of(ENVELOPE_VERSION), Buffer.from(`content:${ref}`, "utf8")]);
}

export function sealBlob(plaintext: Uint8Array, ref: string, master: MediaKey): Buffer {
  const dataKey = randomBytes(DATA_KEY_BYTES);
  try {
    const nonce = randomBytes(NONCE_BYTES);
    return Buffer.concat([
      wrapDataKey(dataKey, ref, master),
      nonce,
      gcmSeal(dataKey, nonce, contentAad(ref), plaintext),
    ]);
  } finally {
    dataKey.fill(0);
  }
}

const authenticationFailed = (ref: string) => () =>
  new MediaVaultError(
    "BlobAuthenticationFailed",
    `blob ${ref} failed authentication: it was altered, truncated, or sealed under another name`,
  );

/** The master key id in a blob's header (any version), or a BlobCorrupt error. */
export function blobKeyId(sealed: Uint8Array, ref: string): string {
  if (sealed.length < PREFIX_BYTES || !BLOB_MAGIC.equals(sealed.subarray(0, BLOB_MAGIC.length))) {
    throw new MediaVaultError("BlobCorrupt", `blob ${ref} is not a Vigil media blob`);
  }
  return Buffer.from(sealed.subarray(BLOB_MAGIC.length + 1, PREFIX_BYTES)).toString("hex");
}

function masterKeyFor(sealed: Uint8Array, ref: string, keys: MediaKeyring): MediaKey {
  const keyId = blobKeyId(sealed, ref);
  const key = [keys.current, ...keys.previous].find((candidate) => candidate.id === keyId);
  if (!key) {
    throw new MediaVaultError(
      "UnknownMediaKey",
      `blob ${ref} was sealed with media key ${keyId}, which is not configured (wrong VIGIL_MEDIA_KEY? see VIGIL_MEDIA_PREVIOUS_KEYS)`,
    );
  }
  return key;
}

function unwrapDataKey(sealed: Uint8Array, ref: string, master: MediaKey): Buffer {
  const prefix = sealed.subarray(0, PREFIX_BYTES);
  const nonce = sealed.subarray(PREFIX_BYTES, PREFIX_BYTES + NONCE_BYTES);
  const wrapped = sealed.subarray(PREFIX_BYTES + NONCE_BYTES, PREFIX_BYTES + WRAP_BYTES - TAG_BYTES);
  const tag = sealed.subarray(PREFIX_BYTES + WRAP_BYTES - TAG_BYTES, PREFIX_BYTES + WRAP_BYTES);
  return gcmOpen(master.key, nonce, wrapAad(prefix, ref), wrapped, tag, authenticationFailed(ref));
}

function versionOf(sealed: Uint8Array, ref: string): 1 | 2 {
  blobKeyId(sealed, ref);
  const version = sealed[BLOB_MAGIC.length];
  if (version === 1 || version === ENVELOPE_VERSION) return version;
  throw new MediaVaultError("BlobCorrupt", `blob ${ref} has unsupported format version ${version}`);
}

export function openBlob(sealed: Uint8Array, ref: string, keys: MediaKeyring): Buffer {
  const version = versionOf(sealed, ref);
  const minimum = version === 1 ? V1_OVERHEAD : BLOB_OVERHEAD;
  if (sealed.length < minimum) {
    throw new MediaVaultError("BlobCorrupt", `blob ${ref} is too short to be a Vigil media blob`);
  }
  const master = masterKeyFor(sealed, ref, keys);
  if (version === 1) return openBlobV1(sealed, ref, master);
  const dataKey = unwrapDataKey(sealed, ref, master);
  try {
    return gcmOpen(
      dataKey,
      sealed.subarray(HEADER_BYTES - NONCE_BYTES, HEADER_BYTES),
      contentAad(ref),
      sealed.subarray(HEADER_BYTES, sealed.length - TAG_BYTES),
      sealed.subarray(sealed.length - TAG_BYTES),
      authenticationFailed(ref),
    );
  } finally {
    dataKey.fill(0);
  }
}

/**
 * The blob sealed under `keys.current`: a version 2 blob gets a new wrap of its
 * own data key and keeps its ciphertext byte for byte (its content is verified
 * first, so nothing altered is re-blessed); a version 1 blob is opened and
 * sealed afresh. Null when the blob is already current.
 */
export function rewrapBlob(sealed: Uint8Array, ref: string, keys: MediaKeyring): Buffer | null {
  const version = versionOf(sealed, ref);
  if (version === ENVELOPE_VERSION && blobKeyId(sealed, ref) === keys.current.id) return null;
  const plaintext = openBlob(sealed, ref, keys);
  try {
    if (version === 1) return sealBlob(plaintext, ref, keys.current);
    const dataKey = unwrapDataKey(sealed, ref, masterKeyFor(sealed, ref, keys));
    try {
      return Buffer.concat([
        wrapDataKey(dataKey, ref, keys.current),
        sealed.subarray(PREFIX_BYTES + WRAP_BYTES),
      ]);
    } finally {
      dataKey.fill(0);
    }
  } finally {
    plaintext.fill(0);
  }
}
