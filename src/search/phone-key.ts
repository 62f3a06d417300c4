/**
 * Phone numbers are stored sealed (AES-GCM with a random nonce), so equal
 * numbers never look equal at rest. To find one, Vigil also stores a keyed
 * hash: HMAC-SHA256 of the E.164 form under a key derived from the data key
 * (HKDF, its own label), so the column is useless without the key and never
 * holds the number itself.
 */
import { createHmac, hkdfSync } from "node:crypto";

export type PhoneKeyer = (e164: string) => string;

export function phoneKeyer(dataKey: Buffer): PhoneKeyer {
  const key = Buffer.from(hkdfSync("sha256", dataKey, Buffer.alloc(0), "vigil phone search key v1", 32));
  return (e164) => createHmac("sha256", key).update(e164).digest("base64url");
}
