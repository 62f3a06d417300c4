/**
 * A 256-bit PDQ hash, laid out as the reference implementation lays it out
 * (ThreatExchange pdq/cpp/common/pdqhashtypes.h): sixteen 16-bit words, bit k
 * of the hash is bit (k % 16) of word (k / 16), and the hex form prints word 15
 * first ("%04hx" x16). Bit k is DCT cell (row k / 16, column k % 16).
 */
export type Hash256 = Uint16Array;

export const HASH256_WORDS = 16;
export const HASH256_HEX_LENGTH = 64;
const HEX_PATTERN = /^[0-9a-fA-F]{64}$/;

export class InvalidHashError extends Error {
  override readonly name = "InvalidHashError";
}

export function emptyHash256(): Hash256 {
  return new Uint16Array(HASH256_WORDS);
}

export function setBit(hash: Hash256, k: number): void {
  hash[k >>> 4] |= 1 << (k & 15);
}

export function getBit(hash: Hash256, k: number): number {
  return (hash[k >>> 4] >>> (k & 15)) & 1;
}

export function isHash256Hex(text: string): boolean {
  return HEX_PATTERN.test(text);
}

export function hash256FromHex(text: string): Hash256 {
  if (!HEX_PATTERN.test(text)) {
    throw new InvalidHashError(
      `not a PDQ hash (64 hex digits expected): ${JSON.stringify(text.slice(0, 80))}`,
    );
  }
  const hash = emptyHash256();
  for (let i = 0; i < HASH256_WORDS; i++) {
    hash[HASH256_WORDS - 1 - i] = Number.parseInt(text.slice(i * 4, i * 4 + 4), 16);
  }
  return hash;
}

export function hash256ToHex(hash: Hash256): string {
  let out = "";
  for (let i = HASH256_WORDS - 1; i >= 0; i--) out += hash[i].toString(16).padStart(4, "0");
  return out;
}

/** Number of set bits in a 16-bit value. */
function popcount16(x: number): number {
  x -= (x >>> 1) & 0x5555;
  x = (x & 0x3333) + ((x >>> 2) & 0x3333);
  x = (x + (x >>> 4)) & 0x0f0f;
  return (x + (x >>> 8)) & 0x1f;
}

export function hammingDistance(a: Hash256, b: Hash256): number {
  let d = 0;
  for (let i = 0; i < HASH256_WORDS; i++) d += popcount16(a[i] ^ b[i]);
  return d;
}

export function hammingDistanceHex(a: string, b: string): number {
  return hammingDistance(hash256FromHex(a), hash256FromHex(b));
}
