/**
 * Issue 17: the image path under hostile bytes. A corpus (truncated, lying
 * headers, absurd dimensions in PNG, JPEG, GIF, WebP, TIFF and BMP) and
 * fast-check byte damage of valid images go through what an upload goes
 * through: the sniff and size checks (classifyMedia), then the decoder and PDQ
 * (hashImageBytes). Every case ends as a hash or a coded MediaError; a decoded
 * image is never larger than the pixel limit.
 */
import assert from "node:assert/strict";
import { before, test } from "node:test";
import fc from "fast-check";
import { hashImageBytes } from "../../src/hashing/hash-image.js";
import { MediaError } from "../../src/hashing/media-error.js";
import { classifyMedia, DEFAULT_MEDIA_LIMITS } from "../../src/hashing/read-media.js";
import { sniffMedia } from "../../src/hashing/sniff.js";
import { DEFAULT_MEDIA_HASH_OPTIONS } from "../../src/media/hash-media-bytes.js";
import { hostileImageCorpus, mutatedImage, type ValidImages, validImages } from "./image-corpus.js";
import { FUZZ_SEED, namedBy, OutcomeTally } from "./outcome-tally.js";

const RUNS_PER_FORMAT = 100;
const decode = DEFAULT_MEDIA_HASH_OPTIONS.decode;

let valid: ValidImages;
before(async () => {
  valid = await validImages();
});

/** What an upload's image goes through, minus storage: sniff, limits, decode, PDQ. */
async function throughImagePath(bytes: Buffer): Promise<void> {
  const sniffed = sniffMedia(bytes);
  assert.ok(["image", "video", "unknown"].includes(sniffed.kind));
  const { kind } = classifyMedia(bytes.subarray(0, 512), bytes.length, DEFAULT_MEDIA_LIMITS);
  // A mutation that turns the header into a video's goes to the video suite's path, not here.
  if (kind !== "image") throw new MediaError("UnsupportedFormat", "sniffed as video");
  const hashes = await hashImageBytes(bytes, { mode: "full", dihedral: false, decode });
  assert.ok(hashes.width * hashes.height <= decode.maxPixels, "decoded past the pixel limit");
  assert.match(hashes.pdq, /^[0-9a-f]{64}$/);
}

test("the hostile image corpus ends in a hash or a coded MediaError", async (t) => {
  const tally = new OutcomeTally("image corpus", namedBy(MediaError));
  const corpus = hostileImageCorpus(valid);
  for (const c of corpus) await tally.run(c.name, () => throughImagePath(c.bytes));
  tally.report(t);
  assert.equal(tally.cases, corpus.length);
  // The lying headers are refused, not decoded.
  assert.ok((tally.outcomes.get("MediaError ImageTooLarge") ?? 0) >= 3, "absurd dimensions refused");
});

for (const format of ["png", "jpeg", "gif", "webp", "tiff"] as const) {
  test(`property: damaged ${format} bytes end in a hash or a coded MediaError`, async (t) => {
    const tally = new OutcomeTally(`image ${format} (mutated)`, namedBy(MediaError));
    await fc.assert(
      fc.asyncProperty(mutatedImage(valid[format]), async (bytes) => {
        await tally.run(`${format} of ${bytes.length} bytes`, () => throughImagePath(bytes));
      }),
      { seed: FUZZ_SEED, numRuns: RUNS_PER_FORMAT },
    );
    tally.report(t);
  });
}
