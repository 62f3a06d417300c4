/**
 * Personal data and media at rest: the phone-number cipher and the media
 * intake (hash, then store encrypted). Kept apart from server.ts so the key
 * handling is read in one place.
 */
import { createCipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ApiError } from "./api/errors.js";
import type { ResolvedHashes } from "./pipeline/subject-updates.js";
import type { AppContext, ServerConfig } from "./server-context.js";
import type { MediaRepository } from "./store/repositories/media-repository.js";

export interface Secrets {
  encryptPhone(phone: string): string;
  intakeMedia: AppContext["intakeMedia"];
  resolveUrl?: (url: string) => Promise<ResolvedHashes>;
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
  return ["v1", nonce, cipher.getAuthTag(), body]
    .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
    .join(".");
}

export async function makeSecrets(config: ServerConfig, _media: MediaRepository): Promise<Secrets> {
  const key = loadDataKey(config.dataDir);
  return {
    encryptPhone: (phone) => encryptField(key, phone),
    intakeMedia: async () => {
      throw new ApiError("Unavailable", "media upload is not available in this build");
    },
  };
}
