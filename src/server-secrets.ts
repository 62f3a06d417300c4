/**
 * Personal data and media at rest: the phone-number cipher, and media intake
 * (hash, seal into the vault, record the row) for uploads and for photos given
 * by URL. Kept apart from server.ts so key handling is read in one place.
 */
import { createCipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { MediaBlobStore } from "./media/media-blob-store.js";
import { type IntakenMedia, intakeMedia, type MediaSource } from "./media/media-intake.js";
import { openMediaVault } from "./media/media-vault.js";
import { originalFileName } from "./media/original-file-name.js";
import type { ResolvedHashes } from "./pipeline/subject-updates.js";
import type { ServerConfig, StoredMediaView } from "./server-context.js";
import { newPublicId } from "./store/repositories/decision-writer.js";
import type { MediaRepository, MediaRow } from "./store/repositories/media-repository.js";

export interface Secrets {
  vault: MediaBlobStore;
  encryptPhone(phone: string): string;
  intakeMedia(source: MediaSource): Promise<StoredMediaView>;
  resolveUrl(url: string): Promise<ResolvedHashes>;
}

/**
 * The data key: VIGIL_DATA_KEY (base64, 32 bytes) when set, else a key file
 * created once in the data folder with mode 0600. A key beside the data only
 * protects copies of the database made without the folder (dumps, backups of
 * PostgreSQL); production sets the variable from a secret store.
 */
export function loadDataKey(dataDir: string): Buffer {
  const fromEnv = process.env.VIGIL_DATA_KEY;
  if (fromEnv) {
    const key = Buffer.from(fromEnv, "base64");
    if (key.length !== 32) throw new Error("VIGIL_DATA_KEY must be 32 bytes, base64-encoded");
    return key;
  }
  const file = join(dataDir, "data.key");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  }
  return Buffer.from(readFileSync(file, "utf8").trim(), "base64");
}

/** AES-256-GCM, `v1.<nonce>.<tag>.<ciphertext>` in base64url: small enough for a text column. */
export function encryptField(key: Buffer, plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    "v1",
    nonce.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(".");
}

export function mediaView(row: MediaRow): StoredMediaView {
  return {
    media_id: row.id,
    sha256: row.sha256,
    md5: row.md5,
    pdq: row.pdq,
    quality: row.pdqQuality,
    mime: row.mime,
    size: row.size,
    kind: row.kind,
    vpdq_frames: row.vpdq ? row.vpdq.trim().split("\n").length : null,
  };
}

export async function makeSecrets(config: ServerConfig, media: MediaRepository): Promise<Secrets> {
  const key = loadDataKey(config.dataDir);
  const vault = await openMediaVault(config.dataDir);
  const store = async (source: MediaSource, intaken: IntakenMedia) =>
    media.insert({
      id: newPublicId("m"),
      sha256: intaken.sha256,
      md5: intaken.md5,
      pdq: intaken.pdq,
      pdqQuality: intaken.quality,
      mime: intaken.mime,
      size: intaken.size,
      blobRef: intaken.ref,
      source: source.kind === "url" ? `url:${intaken.sourceUrl ?? source.url}` : "upload",
      originalName: source.kind === "bytes" ? originalFileName(source.originalName) : undefined,
      kind: intaken.kind,
      vpdq: intaken.vpdq,
    });
  const limits = { maxBytes: config.mediaLimitBytes };
  return {
    vault,
    encryptPhone: (phone) => encryptField(key, phone),
    async intakeMedia(source) {
      return mediaView(await store(source, await intakeMedia(source, vault, limits)));
    },
    async resolveUrl(url) {
      const source: MediaSource = { kind: "url", url };
      const row = await store(source, await intakeMedia(source, vault, limits));
      return {
        mediaId: row.id,
        pdq: row.pdq ?? undefined,
        quality: row.pdqQuality ?? undefined,
        md5: row.md5 ?? undefined,
        sha256: row.sha256 ?? undefined,
      };
    },
  };
}
