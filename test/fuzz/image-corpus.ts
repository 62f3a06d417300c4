/**
 * Hostile image bytes, made on the fly from one benign generated pattern: every
 * format Vigil sniffs (PNG, JPEG, GIF, WebP, TIFF, BMP) truncated, with headers
 * that lie (absurd or zero dimensions, chunk lengths past the end, bad CRCs,
 * impossible bit depths), and a fast-check mutator for byte-level damage.
 */
import { crc32, deflateSync } from "node:zlib";
import fc from "fast-check";
import sharp from "sharp";
import { renderPattern } from "../../src/demo/patterns.js";

export interface HostileImage {
  name: string;
  bytes: Buffer;
}

export type ValidImages = Record<"png" | "jpeg" | "gif" | "webp" | "tiff", Buffer>;

/** One small benign pattern in every format sharp writes. */
export async function validImages(): Promise<ValidImages> {
  const size = 48;
  const image = renderPattern("checker", size, size, 3);
  const raw = () => sharp(Buffer.from(image.pixels), { raw: { width: size, height: size, channels: 3 } });
  return {
    png: await raw().png().toBuffer(),
    jpeg: await raw().jpeg().toBuffer(),
    gif: await raw().gif().toBuffer(),
    webp: await raw().webp().toBuffer(),
    tiff: await raw().tiff().toBuffer(),
  };
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};
const u16le = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n & 0xffff);
  return b;
};

function pngChunk(type: string, data: Buffer, crcOverride?: number): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  return Buffer.concat([u32(data.length), body, u32(crcOverride ?? crc32(body))]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function png(
  width: number,
  height: number,
  depth = 8,
  colour = 2,
  idat = deflateSync(Buffer.alloc(64)),
): Buffer {
  const ihdr = Buffer.concat([u32(width), u32(height), Buffer.from([depth, colour, 0, 0, 0])]);
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", idat),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function pngCases(): HostileImage[] {
  const dims: [number, number][] = [
    [0, 0],
    [1, 0],
    [0x7fffffff, 0x7fffffff],
    [0xffffffff, 1],
    [100_000, 100_000],
    [1, 0x7fffffff],
    [65_535, 65_535],
  ];
  const cases = dims.map(([w, h]) => ({ name: `png ${w}x${h}`, bytes: png(w, h) }));
  for (const depth of [0, 3, 99]) cases.push({ name: `png bit depth ${depth}`, bytes: png(8, 8, depth) });
  for (const colour of [1, 5, 7])
    cases.push({ name: `png colour type ${colour}`, bytes: png(8, 8, 8, colour) });
  cases.push({ name: "png garbage zlib", bytes: png(8, 8, 8, 2, Buffer.from("not deflate at all")) });
  cases.push({ name: "png empty IDAT", bytes: png(8, 8, 8, 2, Buffer.alloc(0)) });
  const ihdr = Buffer.concat([u32(8), u32(8), Buffer.from([8, 2, 0, 0, 0])]);
  cases.push({
    name: "png bad IHDR crc",
    bytes: Buffer.concat([
      PNG_SIGNATURE,
      pngChunk("IHDR", ihdr, 0xdeadbeef),
      pngChunk("IEND", Buffer.alloc(0)),
    ]),
  });
  cases.push({
    name: "png chunk length 4 GB",
    bytes: Buffer.concat([PNG_SIGNATURE, u32(0xffffffff), Buffer.from("IHDR"), ihdr]),
  });
  cases.push({ name: "png signature only", bytes: PNG_SIGNATURE });
  return cases;
}

/** Rewrites the first SOFn segment's height, width and component count of a real JPEG. */
function jpegWithFrame(jpeg: Buffer, height: number, width: number, components?: number): Buffer {
  const copy = Buffer.from(jpeg);
  for (let i = 2; i < copy.length - 9; i++) {
    if (copy[i] === 0xff && copy[i + 1] >= 0xc0 && copy[i + 1] <= 0xc2) {
      copy.writeUInt16BE(height, i + 5);
      copy.writeUInt16BE(width, i + 7);
      if (components !== undefined) copy[i + 9] = components;
      return copy;
    }
  }
  return copy;
}

function jpegCases(jpeg: Buffer): HostileImage[] {
  const cases: HostileImage[] = [
    { name: "jpeg 0x0", bytes: jpegWithFrame(jpeg, 0, 0) },
    { name: "jpeg 65535x65535", bytes: jpegWithFrame(jpeg, 65_535, 65_535) },
    { name: "jpeg 1x65535", bytes: jpegWithFrame(jpeg, 1, 65_535) },
    { name: "jpeg 0 components", bytes: jpegWithFrame(jpeg, 48, 48, 0) },
    { name: "jpeg 255 components", bytes: jpegWithFrame(jpeg, 48, 48, 255) },
    { name: "jpeg SOI only", bytes: Buffer.from([0xff, 0xd8, 0xff]) },
    { name: "jpeg SOI EOI", bytes: Buffer.from([0xff, 0xd8, 0xff, 0xd9]) },
    { name: "jpeg segment length 0", bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0xff, 0xd9]) },
    { name: "jpeg segment length past end", bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 1, 2]) },
  ];
  const noEoi = jpeg.subarray(0, jpeg.length - 2);
  cases.push({ name: "jpeg without EOI", bytes: noEoi });
  return cases;
}

function gif(width: number, height: number, frameW: number, frameH: number, lzwMin: number): Buffer {
  return Buffer.concat([
    Buffer.from("GIF89a"),
    u16le(width),
    u16le(height),
    Buffer.from([0x80, 0, 0]), // global colour table of 2 entries
    Buffer.from([0, 0, 0, 255, 255, 255]),
    Buffer.from([0x2c]),
    u16le(0),
    u16le(0),
    u16le(frameW),
    u16le(frameH),
    Buffer.from([0, lzwMin, 2, 0x4c, 0x01, 0, 0x3b]),
  ]);
}

function gifCases(): HostileImage[] {
  return [
    { name: "gif 65535x65535", bytes: gif(65_535, 65_535, 65_535, 65_535, 2) },
    { name: "gif 0x0", bytes: gif(0, 0, 0, 0, 2) },
    { name: "gif frame outside screen", bytes: gif(4, 4, 60_000, 60_000, 2) },
    { name: "gif LZW code size 0", bytes: gif(4, 4, 4, 4, 0) },
    { name: "gif LZW code size 255", bytes: gif(4, 4, 4, 4, 255) },
    { name: "gif header only", bytes: Buffer.from("GIF89a") },
  ];
}

function riff(chunks: Buffer, declared?: number): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32LE((declared ?? chunks.length + 4) >>> 0);
  return Buffer.concat([Buffer.from("RIFF"), size, Buffer.from("WEBP"), chunks]);
}

function vp8x(canvasW: number, canvasH: number): Buffer {
  const data = Buffer.alloc(10);
  data.writeUIntLE(canvasW - 1, 4, 3);
  data.writeUIntLE(canvasH - 1, 7, 3);
  const head = Buffer.alloc(8);
  head.write("VP8X");
  head.writeUInt32LE(10, 4);
  return Buffer.concat([head, data]);
}

function webpCases(webp: Buffer): HostileImage[] {
  const body = webp.subarray(12);
  return [
    { name: "webp canvas 16777216x16777216", bytes: riff(Buffer.concat([vp8x(1 << 24, 1 << 24), body])) },
    { name: "webp RIFF size 4 GB", bytes: riff(body, 0xffffffff) },
    { name: "webp RIFF size 0", bytes: riff(body, 0) },
    { name: "webp no chunks", bytes: riff(Buffer.alloc(0)) },
    { name: "webp chunk length 4 GB", bytes: riff(Buffer.concat([Buffer.from("VP8 "), u32(0xffffffff)])) },
  ];
}

function tiffAndBmpCases(tiff: Buffer): HostileImage[] {
  const ifdPastEnd = Buffer.from(tiff);
  ifdPastEnd.writeUInt32LE(0x7fffffff, 4);
  const bmp = Buffer.alloc(54);
  bmp.write("BM");
  bmp.writeUInt32LE(54, 10);
  bmp.writeUInt32LE(40, 14);
  bmp.writeInt32LE(0x7fffffff, 18);
  bmp.writeInt32LE(-0x7fffffff, 22);
  bmp.writeUInt16LE(1, 26);
  bmp.writeUInt16LE(24, 28);
  return [
    { name: "tiff IFD offset past end", bytes: ifdPastEnd },
    { name: "tiff header only", bytes: Buffer.from([0x49, 0x49, 0x2a, 0]) },
    { name: "bmp 2147483647 x -2147483647", bytes: bmp },
    { name: "bmp header only", bytes: Buffer.from("BM") },
  ];
}

/** Each valid image cut short at lengths around its headers and its middle. */
function truncations(valid: ValidImages): HostileImage[] {
  const cases: HostileImage[] = [];
  for (const [format, bytes] of Object.entries(valid)) {
    const lengths = new Set([
      1,
      2,
      3,
      4,
      8,
      12,
      16,
      20,
      24,
      33,
      50,
      100,
      bytes.length >> 1,
      bytes.length - 10,
    ]);
    lengths.add(bytes.length - 1);
    for (const n of lengths) {
      if (n > 0 && n < bytes.length)
        cases.push({ name: `${format} cut at ${n}`, bytes: bytes.subarray(0, n) });
    }
  }
  return cases;
}

export function hostileImageCorpus(valid: ValidImages): HostileImage[] {
  return [
    ...pngCases(),
    ...jpegCases(valid.jpeg),
    ...gifCases(),
    ...webpCases(valid.webp),
    ...tiffAndBmpCases(valid.tiff),
    ...truncations(valid),
    { name: "empty", bytes: Buffer.alloc(0) },
  ];
}

type Mutation = { at: number; byte: number; op: "set" | "insert" | "delete" };

function mutate(bytes: Buffer, mutations: Mutation[]): Buffer {
  const out = [...bytes];
  for (const { at, byte, op } of mutations) {
    const i = out.length <= 4 ? out.length : 4 + ((at - 4) % (out.length - 4));
    if (op === "set") out[i] = byte;
    else if (op === "insert") out.splice(i, 0, byte);
    else out.splice(i, 1);
  }
  return Buffer.from(out);
}

/**
 * A valid image with 1 to 8 bytes changed, inserted or deleted, mostly in its
 * first 64 bytes (the headers) but never in its 4 magic bytes, so the damage
 * reaches the decoder rather than stopping at the sniff.
 */
export function mutatedImage(valid: Buffer): fc.Arbitrary<Buffer> {
  const at = fc.oneof(fc.nat(59), fc.nat(valid.length - 5)).map((n) => n + 4);
  const mutation = fc.record({
    at,
    byte: fc.oneof(fc.constantFrom(0, 0xff, 0x7f, 0x80), fc.nat(255)),
    op: fc.constantFrom("set", "insert", "delete") as fc.Arbitrary<Mutation["op"]>,
  });
  return fc.array(mutation, { minLength: 1, maxLength: 8 }).map((m) => mutate(valid, m));
}
