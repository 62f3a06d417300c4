/**
 * vPDQ features and the reference text format (ThreatExchange vpdq/cpp io/vpdqio.cpp):
 * one line per hashed frame, `frameNumber,quality,pdqHex,timestampSeconds`, the
 * timestamp with 3 decimals.
 */
import { type Hash256, hash256FromHex, hash256ToHex, isHash256Hex } from "../pdq/hash256.js";

export interface VpdqFeature {
  frameNumber: number;
  quality: number;
  hash: Hash256;
  timestamp: number;
}

export class VpdqFormatError extends Error {
  override readonly name = "VpdqFormatError";
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export function formatVpdq(features: VpdqFeature[]): string {
  return features
    .map((f) => `${f.frameNumber},${f.quality},${hash256ToHex(f.hash)},${f.timestamp.toFixed(3)}\n`)
    .join("");
}

export function parseVpdq(text: string): VpdqFeature[] {
  const features: VpdqFeature[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "") return;
    const parts = line.split(",");
    if (parts.length !== 4)
      throw new VpdqFormatError(index + 1, `expected 4 comma-separated fields, got ${parts.length}`);
    const [frame, quality, hex, seconds] = parts;
    if (!/^\d+$/.test(frame))
      throw new VpdqFormatError(index + 1, `bad frame number ${JSON.stringify(frame)}`);
    if (!/^\d{1,3}$/.test(quality) || Number(quality) > 100) {
      throw new VpdqFormatError(index + 1, `bad quality ${JSON.stringify(quality)}`);
    }
    if (!isHash256Hex(hex)) throw new VpdqFormatError(index + 1, "bad PDQ hash");
    const timestamp = Number(seconds);
    if (!Number.isFinite(timestamp) || timestamp < 0)
      throw new VpdqFormatError(index + 1, `bad timestamp ${JSON.stringify(seconds)}`);
    features.push({
      frameNumber: Number(frame),
      quality: Number(quality),
      hash: hash256FromHex(hex),
      timestamp,
    });
  });
  return features;
}
