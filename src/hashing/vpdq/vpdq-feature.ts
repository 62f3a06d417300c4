/**
 * A vPDQ feature (one hashed frame) and the reference text form of a video's
 * features (ThreatExchange vpdq/cpp/vpdq/cpp/io/vpdqio.cpp): one line per frame,
 * `frameNumber,quality,pdqHex,timestampSeconds`, the hash as 64 lower-case hex digits
 * (Hash256::format) and the timestamp with three decimals, each line ending in "\n".
 */
import { type Hash256, hash256FromHex, hash256ToHex, isHash256Hex } from "../pdq/hash256.js";
import { formatFixed3 } from "./fixed3.js";

export interface VpdqFeature {
  /** Index of the frame in decoder output order, from 0. */
  frameNumber: number;
  /** PDQ quality, 0..100. */
  quality: number;
  hash: Hash256;
  /** Seconds from the start (frameNumber / frame rate, in float32 as the reference). */
  timestamp: number;
}

export class VpdqFormatError extends Error {
  override readonly name = "VpdqFormatError";
  readonly code = "VpdqFormatError";
  constructor(
    /** 1-based line number in the parsed text. */
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

export function formatVpdqLine(feature: VpdqFeature): string {
  return `${feature.frameNumber},${feature.quality},${hash256ToHex(feature.hash)},${formatFixed3(feature.timestamp)}`;
}

export function formatVpdq(features: readonly VpdqFeature[]): string {
  let text = "";
  for (const feature of features) text += `${formatVpdqLine(feature)}\n`;
  return text;
}

const UNSIGNED = /^\d{1,15}$/;
const SECONDS = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseLine(line: string, lineNumber: number): VpdqFeature {
  const fail = (message: string): never => {
    throw new VpdqFormatError(lineNumber, message);
  };
  const parts = line.split(",");
  if (parts.length !== 4) fail(`expected 4 comma-separated fields, got ${parts.length}`);
  const [frame, quality, hex, seconds] = parts.map((part) => part.trim());
  if (!UNSIGNED.test(frame))
    fail(`frame number must be a non-negative integer, got ${JSON.stringify(frame)}`);
  if (!UNSIGNED.test(quality) || Number(quality) > 100) {
    fail(`quality must be an integer 0..100, got ${JSON.stringify(quality)}`);
  }
  if (!isHash256Hex(hex)) fail(`PDQ hash must be 64 hex digits, got ${JSON.stringify(hex.slice(0, 80))}`);
  const timestamp = Number(seconds);
  if (!SECONDS.test(seconds) || !Number.isFinite(timestamp)) {
    fail(`timestamp must be non-negative seconds, got ${JSON.stringify(seconds)}`);
  }
  return { frameNumber: Number(frame), quality: Number(quality), hash: hash256FromHex(hex), timestamp };
}

/**
 * Features from the reference text form. Stricter than the reference loader (which
 * takes anything std::stoi accepts and ignores extra fields) so a damaged file is
 * rejected, naming its line; blank lines and CRLF endings are accepted.
 */
export function parseVpdq(text: string): VpdqFeature[] {
  const features: VpdqFeature[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line !== "") features.push(parseLine(line, i + 1));
  }
  return features;
}
