/**
 * The AES-256 key that media blobs are sealed with. Either the operator supplies it
 * (`VIGIL_MEDIA_KEY`, base64 of 32 bytes, e.g. from a secret manager) or Vigil makes
 * one on first use and keeps it in `<dataDir>/media.key` (mode 0600), so the
 * embedded default works with zero setup. The README says what each choice protects.
 *
 * Keys rotate: a blob's header names the key that sealed it, so older keys stay
 * usable for reading (`VIGIL_MEDIA_PREVIOUS_KEYS`, and the key file when an
 * environment key has replaced it) while new blobs use the current key.
 */
import { createHmac, randomBytes } from "node:crypto";
import { join } from "node:path";
import { createPrivateKeyFileOnce, readPrivateKeyFile } from "./private-key-file.js";

export const MEDIA_KEY_BYTES = 32;
export const MEDIA_KEY_FILE = "media.key";

export interface MediaKey {
  /** 16 hex characters naming the key in blob headers; derived from the key, reveals nothing of it. */
  id: string;
  key: Buffer;
}

export interface MediaKeyring {
  /** Seals every new blob. */
  current: MediaKey;
  /** Only opens blobs sealed before a rotation. */
  previous: readonly MediaKey[];
}

export type MediaKeyErrorCode = "InvalidMediaKey" | "MediaKeyFileInsecure";

export class MediaKeyError extends Error {
  override readonly name = "MediaKeyError";
  constructor(
    readonly code: MediaKeyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function mediaKeyFromBytes(key: Uint8Array): MediaKey {
  if (key.length !== MEDIA_KEY_BYTES) {
    throw new MediaKeyError("InvalidMediaKey", `a media key is ${MEDIA_KEY_BYTES} bytes, got ${key.length}`);
  }
  const bytes = Buffer.from(key);
  // An HMAC under the key itself: stable, and one-way, so the id on disk does not weaken the key.
  const id = createHmac("sha256", bytes).update("vigil media key id").digest().subarray(0, 8).toString("hex");
  return { id, key: bytes };
}

function parseBase64Key(text: string, source: string): MediaKey {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) {
    throw new MediaKeyError("InvalidMediaKey", `${source} is not base64`);
  }
  const bytes = Buffer.from(trimmed, "base64");
  if (bytes.length !== MEDIA_KEY_BYTES) {
    throw new MediaKeyError(
      "InvalidMediaKey",
      `${source} must be base64 of ${MEDIA_KEY_BYTES} bytes, it decodes to ${bytes.length}`,
    );
  }
  return mediaKeyFromBytes(bytes);
}

const insecureMediaKey = (message: string) => new MediaKeyError("MediaKeyFileInsecure", message);

async function readKeyFile(path: string): Promise<MediaKey | undefined> {
  const text = await readPrivateKeyFile(path, insecureMediaKey);
  return text === undefined ? undefined : parseBase64Key(text, path);
}

async function createKeyFile(dataDir: string, path: string): Promise<MediaKey> {
  const fresh = `${randomBytes(MEDIA_KEY_BYTES).toString("base64")}\n`;
  return parseBase64Key(
    await createPrivateKeyFileOnce(dataDir, MEDIA_KEY_FILE, fresh, insecureMediaKey),
    path,
  );
}

/**
 * The keyring for `dataDir`: the current key from `VIGIL_MEDIA_KEY` when set, else
 * from `<dataDir>/media.key` (created on first use). A malformed environment key is
 * an error, never a silent fallback to the file.
 */
/** The media keys as configured (app/config.ts reads them from the environment). */
export type MediaKeyEnv = { VIGIL_MEDIA_KEY?: string; VIGIL_MEDIA_PREVIOUS_KEYS?: string };

export async function loadOrCreateMediaKey(dataDir: string, env: MediaKeyEnv): Promise<MediaKeyring> {
  const path = join(dataDir, MEDIA_KEY_FILE);
  const previous = (env.VIGIL_MEDIA_PREVIOUS_KEYS ?? "")
    .split(",")
    .filter((text) => text.trim() !== "")
    .map((text, i) => parseBase64Key(text, `VIGIL_MEDIA_PREVIOUS_KEYS[${i}]`));
  if (env.VIGIL_MEDIA_KEY !== undefined && env.VIGIL_MEDIA_KEY !== "") {
    const current = parseBase64Key(env.VIGIL_MEDIA_KEY, "VIGIL_MEDIA_KEY");
    // Moving from the key file to a managed key must not strand blobs the file key sealed.
    const fileKey = await readKeyFile(path);
    if (fileKey) previous.push(fileKey);
    return { current, previous: previous.filter((key) => key.id !== current.id) };
  }
  const current = (await readKeyFile(path)) ?? (await createKeyFile(dataDir, path));
  return { current, previous: previous.filter((key) => key.id !== current.id) };
}
