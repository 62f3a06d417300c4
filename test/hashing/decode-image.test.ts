/** Image layouts the decoder must hand to PDQ the way the reference tools see them. */
import assert from "node:assert/strict";
import { test } from "node:test";
import sharp from "sharp";
import { renderPattern } from "../../src/demo/patterns.js";
import { DEFAULT_DECODE_OPTIONS, decodeImage } from "../../src/hashing/decode-image.js";
import { hashImageBytes } from "../../src/hashing/hash-image.js";
import { hammingDistanceHex } from "../../src/hashing/pdq/hash256.js";

const opts = { mode: "full" as const, dihedral: false, decode: DEFAULT_DECODE_OPTIONS };
const base = renderPattern("rings", 400, 300, 9);
const raw = { raw: { width: 400, height: 300, channels: 3 as const } };

async function pdqOf(bytes: Uint8Array): Promise<string> {
  return (await hashImageBytes(bytes, opts)).pdq;
}

test("an animated GIF or WebP is hashed by its first frame", async () => {
  const first = await sharp(base.pixels, raw).png().toBuffer();
  const other = renderPattern("checker", 400, 300, 2);
  const second = await sharp(other.pixels, raw).png().toBuffer();
  const webp = await sharp([first, second], { join: { animated: true } })
    .webp({ lossless: true })
    .toBuffer();
  assert.equal((await sharp(webp).metadata()).pages, 2);
  assert.equal(await pdqOf(webp), await pdqOf(first));
  const gif = await sharp([first, second], { join: { animated: true } })
    .gif()
    .toBuffer();
  const gifFirst = await sharp(gif, { page: 0 }).png().toBuffer();
  assert.equal(await pdqOf(gif), await pdqOf(gifFirst));
});

test("a 16-bit PNG hashes within 4 bits of its 8-bit original", async () => {
  const eight = await sharp(base.pixels, raw).png().toBuffer();
  const sixteen = await sharp(base.pixels, raw).toColourspace("rgb16").png().toBuffer();
  assert.equal((await sharp(sixteen).metadata()).depth, "ushort");
  const decoded = await decodeImage(sixteen);
  assert.equal(decoded.channels, 3);
  assert.ok(hammingDistanceHex(await pdqOf(sixteen), await pdqOf(eight)) <= 4);
});

test("a CMYK JPEG is converted to RGB and hashes near its RGB original", async () => {
  const rgb = await sharp(base.pixels, raw).jpeg({ quality: 95 }).toBuffer();
  const cmyk = await sharp(base.pixels, raw).toColourspace("cmyk").jpeg({ quality: 95 }).toBuffer();
  assert.equal((await sharp(cmyk).metadata()).space, "cmyk");
  const decoded = await decodeImage(cmyk);
  assert.equal(decoded.channels, 3);
  assert.ok(hammingDistanceHex(await pdqOf(cmyk), await pdqOf(rgb)) <= 32);
});

test("a palette PNG and a grey+alpha PNG decode", async () => {
  const palette = await sharp(base.pixels, raw).png({ palette: true, colours: 16 }).toBuffer();
  assert.equal((await sharp(palette).metadata()).isPalette, true);
  assert.match(await pdqOf(palette), /^[0-9a-f]{64}$/);
  const greyAlpha = await sharp(base.pixels, raw).greyscale().ensureAlpha().png().toBuffer();
  const decoded = await decodeImage(greyAlpha);
  assert.ok(decoded.channels === 1 || decoded.channels === 3, `channels ${decoded.channels}`);
});

test("EXIF orientation is ignored by default and applied with autoOrient", async () => {
  const rotated = await sharp(base.pixels, raw).jpeg().withMetadata({ orientation: 6 }).toBuffer();
  const plain = await decodeImage(rotated, DEFAULT_DECODE_OPTIONS);
  assert.deepEqual([plain.width, plain.height], [400, 300]);
  const oriented = await decodeImage(rotated, { ...DEFAULT_DECODE_OPTIONS, autoOrient: true });
  assert.deepEqual([oriented.width, oriented.height], [300, 400]);
});
