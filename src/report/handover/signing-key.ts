/**
 * The key hand-over packages are signed with: Ed25519 (RFC 8032) through
 * node:crypto. Either the operator supplies it (`VIGIL_EXPORT_SIGNING_KEY`, a
 * PKCS#8 PEM, e.g. from a secret manager), or Vigil makes one on first use and
 * keeps it in `<dataDir>/export-signing-key.pem` (mode 0600). The public key's
 * fingerprint (SHA-256 of its SubjectPublicKeyInfo DER) is what a recipient
 * compares with the one the organisation published.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from "node:crypto";
import { join } from "node:path";
import { createPrivateKeyFileOnce, readPrivateKeyFile } from "../../media/private-key-file.js";

export const SIGNING_KEY_FILE = "export-signing-key.pem";

export interface ExportSigningKey {
  privateKey: KeyObject;
  publicKeyPem: string;
  fingerprint: string;
}

export type SigningKeyErrorCode = "InvalidSigningKey" | "SigningKeyFileInsecure";

export class SigningKeyError extends Error {
  override readonly name = "SigningKeyError";
  constructor(
    readonly code: SigningKeyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** `SHA256:<hex>` of the public key's SPKI DER encoding. */
export function publicKeyFingerprint(publicKey: KeyObject): string {
  const der = publicKey.export({ type: "spki", format: "der" });
  return `SHA256:${createHash("sha256").update(der).digest("hex")}`;
}

export function publicKeyFromPem(pem: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new SigningKeyError("InvalidSigningKey", `${source} is not a PEM public key`);
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new SigningKeyError(
      "InvalidSigningKey",
      `${source} is a ${key.asymmetricKeyType} key, not Ed25519`,
    );
  }
  return key;
}

export function signingKeyFromPem(pem: string, source: string): ExportSigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    throw new SigningKeyError("InvalidSigningKey", `${source} is not a PEM private key`);
  }
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new SigningKeyError(
      "InvalidSigningKey",
      `${source} is a ${privateKey.asymmetricKeyType} key; hand-over packages are signed with Ed25519`,
    );
  }
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    fingerprint: publicKeyFingerprint(publicKey),
  };
}

const insecureSigningKey = (message: string) => new SigningKeyError("SigningKeyFileInsecure", message);

async function readKeyFile(path: string): Promise<ExportSigningKey | undefined> {
  const pem = await readPrivateKeyFile(path, insecureSigningKey);
  return pem === undefined ? undefined : signingKeyFromPem(pem, path);
}

async function createKeyFile(dataDir: string, path: string): Promise<ExportSigningKey> {
  const { privateKey } = generateKeyPairSync("ed25519");
  const fresh = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return signingKeyFromPem(
    await createPrivateKeyFileOnce(dataDir, SIGNING_KEY_FILE, fresh, insecureSigningKey),
    path,
  );
}

/** The export signing key as configured (app/config.ts reads it from the environment). */
export type SigningKeyEnv = { VIGIL_EXPORT_SIGNING_KEY?: string };

export async function loadOrCreateSigningKey(dataDir: string, env: SigningKeyEnv): Promise<ExportSigningKey> {
  const fromEnv = env.VIGIL_EXPORT_SIGNING_KEY;
  if (fromEnv !== undefined && fromEnv.trim() !== "") {
    return signingKeyFromPem(fromEnv, "VIGIL_EXPORT_SIGNING_KEY");
  }
  const path = join(dataDir, SIGNING_KEY_FILE);
  return (await readKeyFile(path)) ?? (await createKeyFile(dataDir, path));
}
