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
import { link, mkdir, open, readFile, stat, unlink } from "node:fs/promises";
import { join } from "node:path";

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

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

async function readKeyFile(path: string): Promise<MediaKey | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
  // Like ssh with private keys: a key others can read protects nothing, so say so instead of using it.
  if (process.platform !== "win32" && ((await stat(path)).mode & 0o077) !== 0) {
    throw new MediaKeyError(
      "MediaKeyFileInsecure",
      `${path} is readable by other users; run: chmod 600 ${JSON.stringify(path)}`,
    );
  }
  return parseBase64Key(text, path);
}

/**
 * Writes a new key file without ever exposing a half-written one: the key goes to a
 * private temporary file, is flushed, and is then hard-linked to its name, which
 * fails if another process got there first (and then that process's key wins).
 */
async function createKeyFile(dataDir: string, path: string): Promise<MediaKey> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const temporary = join(dataDir, `.${MEDIA_KEY_FILE}.${randomBytes(6).toString("hex")}.tmp`);
  const key = mediaKeyFromBytes(randomBytes(MEDIA_KEY_BYTES));
  const handle = await open(temporary, "wx", 0o600);
  try {
    await handle.writeFile(`${key.key.toString("base64")}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, path);
    return key;
  } catch (error) {
    if (errorCode(error) !== "EEXIST") throw error;
    const winner = await readKeyFile(path);
    if (!winner) throw error;
    return winner;
  } finally {
    await unlink(temporary);
  }
}

/**
 * The keyring for `dataDir`: the current key from `VIGIL_MEDIA_KEY` when set, else
 * from `<dataDir>/media.key` (created on first use). A malformed environment key is
 * an error, never a silent fallback to the file.
 */
export async function loadOrCreateMediaKey(
  dataDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<MediaKeyring> {
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
