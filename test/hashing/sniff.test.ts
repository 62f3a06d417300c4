/** Kind and MIME type come from magic bytes, never from a name or a client's claim. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { sniffMedia } from "../../src/hashing/sniff.js";

function bytes(...parts: (string | number[])[]): Buffer {
  return Buffer.concat(
    parts.map((part) => (typeof part === "string" ? Buffer.from(part, "latin1") : Buffer.from(part))),
  );
}

const CASES: readonly [string, Buffer, string, string | undefined][] = [
  ["JPEG", bytes([0xff, 0xd8, 0xff, 0xe0]), "image", "image/jpeg"],
  ["PNG", bytes([0x89], "PNG\r\n\x1a\n"), "image", "image/png"],
  ["GIF", bytes("GIF89a"), "image", "image/gif"],
  ["TIFF little-endian", bytes([0x49, 0x49, 0x2a, 0x00]), "image", "image/tiff"],
  ["BMP", bytes("BM\x00\x00"), "image", "image/bmp"],
  ["WebP", bytes("RIFF\x00\x00\x00\x00WEBP"), "image", "image/webp"],
  ["AVIF", bytes([0, 0, 0, 0x1c], "ftypavif"), "image", "image/avif"],
  ["HEIC", bytes([0, 0, 0, 0x18], "ftypheic"), "image", "image/heic"],
  ["MP4", bytes([0, 0, 0, 0x18], "ftypisom"), "video", "video/mp4"],
  ["QuickTime", bytes([0, 0, 0, 0x14], "ftypqt  "), "video", "video/quicktime"],
  ["WebM", bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], "webm"), "video", "video/webm"],
  [
    "Matroska",
    bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], "matroska"),
    "video",
    "video/x-matroska",
  ],
  ["AVI", bytes("RIFF\x00\x00\x00\x00AVI "), "video", "video/x-msvideo"],
  ["text", bytes("hello, this is text"), "unknown", undefined],
  ["too short", bytes([0xff, 0xd8]), "unknown", undefined],
];

for (const [name, head, kind, mime] of CASES) {
  test(`sniff ${name}`, () => {
    assert.deepEqual(sniffMedia(head), { kind, mime });
  });
}
