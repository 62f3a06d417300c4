/**
 * Personal fields at rest (phone numbers, reporters, report texts):
 * AES-256-GCM under the data key, stored as `v2.<key id>.<nonce>.<tag>.<ciphertext>`
 * in base64url, small enough for a text column. The key id lets the key
 * rotate: VIGIL_DATA_KEY is the current key, VIGIL_DATA_PREVIOUS_KEYS the
 * ones still read, and `vigil keys rekey` re-seals old values under the
 * current one. Values written before key ids (`v1.`) are tried with every key.
 * Decrypting is always a caller's decision by role (a case page, a CyberTipline
 * report, a police hand-over).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The data key: VIGIL_DATA_KEY (base64, 32 bytes) when set, else a key file
 * created once in the data folder with mode 0600. A key beside the data only
 * protects copies of the database made without the folder (dumps, backups of
 * PostgreSQL); production sets the variable from a secret store.
 */
/** The data keys as configured (app/config.ts reads them from the environment). */
export type DataKeyEnv = { VIGIL_DATA_KEY?: string; VIGIL_DATA_PREVIOUS_KEYS?: string };

export function loadDataKey(dataDir: string, env: DataKeyEnv): Buffer {
  const fromEnv = env.VIGIL_DATA_KEY;
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

/** The data keys: the current one seals, every one opens. */
export interface FieldCipher {
  readonly currentKeyId: string;
  seal(plaintext: string): string;
  /** The plaintext, or null when no key opens it (or it is not a sealed value). */
  open(sealed: string): string | null;
  /** Whether a value is sealed under the current key (else `vigil keys rekey` re-seals it). */
  isCurrent(sealed: string): boolean;
}

export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

/** Whether a string looks like a sealed value (either format). */
export function isSealed(value: string): boolean {
  return /^v[12]\./.test(value);
}

function parseKey(text: string, name: string): Buffer {
  const key = Buffer.from(text.trim(), "base64");
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded`);
  return key;
}

/** The data keys for `dataDir`: loadDataKey's current key, and VIGIL_DATA_PREVIOUS_KEYS (comma-separated base64). */
export function loadFieldCipher(dataDir: string, env: DataKeyEnv): FieldCipher {
  const current = loadDataKey(dataDir, env);
  const keys = new Map<string, Buffer>([[keyId(current), current]]);
  // Moving from the key file to a managed key must not strand what the file key sealed.
  const file = join(dataDir, "data.key");
  if (env.VIGIL_DATA_KEY && existsSync(file)) {
    const fileKey = parseKey(readFileSync(file, "utf8"), file);
    keys.set(keyId(fileKey), fileKey);
  }
  (env.VIGIL_DATA_PREVIOUS_KEYS ?? "")
    .split(",")
    .filter((t) => t.trim() !== "")
    .forEach((text, i) => {
      const key = parseKey(text, `VIGIL_DATA_PREVIOUS_KEYS[${i}]`);
      if (!keys.has(keyId(key))) keys.set(keyId(key), key);
    });
  return fieldCipher(current, [...keys.values()]);
}

export function fieldCipher(current: Buffer, all: Buffer[] = [current]): FieldCipher {
  const currentKeyId = keyId(current);
  const byId = new Map(all.map((k) => [keyId(k), k]));
  byId.set(currentKeyId, current);
  return {
    currentKeyId,
    seal: (plaintext) => `v2.${currentKeyId}.${encryptField(current, plaintext).slice(3)}`,
    open(sealed) {
      if (sealed.startsWith("v2.")) {
        const [, id, rest] = /^v2\.([0-9a-f]{8})\.(.*)$/s.exec(sealed) ?? [];
        const key = id ? byId.get(id) : undefined;
        return key ? decryptField(key, `v1.${rest}`) : null;
      }
      for (const key of byId.values()) {
        const opened = decryptField(key, sealed);
        if (opened !== null) return opened;
      }
      return null;
    },
    isCurrent: (sealed) => sealed.startsWith(`v2.${currentKeyId}.`),
  };
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
