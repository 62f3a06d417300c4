/** PDQ hex strings at chosen distances from one another, for tests that need a near match. */
export function randomPdqHex(seed: number): string {
  let x = seed >>> 0 || 1;
  let hex = "";
  for (let i = 0; i < 64; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    hex += ((x >>> 0) % 16).toString(16);
  }
  return hex;
}

/** The hash with its first `bits` bits flipped: at Hamming distance exactly `bits`. */
export function flipBits(hex: string, bits: number): string {
  const nibbles = hex.split("").map((c) => Number.parseInt(c, 16));
  for (let b = 0; b < bits; b++) nibbles[b >> 2] ^= 1 << (b & 3);
  return nibbles.map((n) => n.toString(16)).join("");
}
