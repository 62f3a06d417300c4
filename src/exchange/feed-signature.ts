/**
 * Feed pages are signed with the publisher's Ed25519 key (node:crypto) over the
 * exact response bytes, sent in a header: the puller verifies the bytes it
 * received before it parses anything, so there is no canonical form to agree on.
 */
import { createPublicKey, type KeyObject, sign, verify } from "node:crypto";

export const SIGNATURE_HEADER = "vigil-signature";
const SCHEME = "ed25519=";

export class FeedKeyError extends Error {
  override readonly name = "FeedKeyError";
  readonly code = "InvalidFeedKey";
}

export function signFeedBody(body: string, privateKey: KeyObject): string {
  return SCHEME + sign(null, Buffer.from(body, "utf8"), privateKey).toString("base64");
}

/** Whether `header` is a valid signature of `body` by `publicKey`; false for a missing or malformed header. */
export function verifyFeedBody(body: Buffer, header: string | null, publicKey: KeyObject): boolean {
  if (!header?.startsWith(SCHEME)) return false;
  const signature = Buffer.from(header.slice(SCHEME.length), "base64");
  if (signature.length !== 64) return false;
  return verify(null, body, publicKey, signature);
}

export function feedPublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new FeedKeyError("the partner's feed key is not a PEM public key");
  }
  if (key.asymmetricKeyType !== "ed25519")
    throw new FeedKeyError(`the partner's feed key is ${key.asymmetricKeyType}, not Ed25519`);
  return key;
}
