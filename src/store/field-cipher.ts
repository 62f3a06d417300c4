/**
 * Personal fields at rest (phone numbers): AES-256-GCM under the data key
 * (server-secrets.ts loadDataKey), stored as `v1.<nonce>.<tag>.<ciphertext>`
 * in base64url, small enough for a text column. Decrypting is always a
 * caller's audited decision (a CyberTipline report, a police hand-over).
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

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

/** Reads what encryptField wrote: `v1.<nonce>.<tag>.<ciphertext>`, AES-256-GCM. */
export function decryptField(key: Buffer, sealed: string): string | null {
  const [version, nonce, tag, body] = sealed.split(".");
  if (version !== "v1" || !nonce || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    return null;
  }
}
