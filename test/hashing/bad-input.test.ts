/** Broken and hostile files get a clear, coded error quickly and never take the process down. */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DEFAULT_HASH_FILE_OPTIONS, hashFile } from "../../src/hashing/hash-file.js";
import { MediaError } from "../../src/hashing/media-error.js";
import { DEFAULT_MEDIA_LIMITS } from "../../src/hashing/read-media.js";
import { decompressionBombPng } from "../support/crafted-media.js";
import { fixturesDir } from "../support/paths.js";

const options = DEFAULT_HASH_FILE_OPTIONS;

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "vigil-bad-input-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function expectCode(path: string, code: string, withinMs = 5000): Promise<MediaError> {
  const started = Date.now();
  const error = await hashFile(path, options).then(
    () => assert.fail(`${path} was hashed but should fail with ${code}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof MediaError, `expected a MediaError, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  assert.ok(Date.now() - started < withinMs, `took ${Date.now() - started} ms`);
  return error;
}

test("zero bytes", async () => {
  const path = join(dir, "empty.jpg");
  await writeFile(path, "");
  await expectCode(path, "EmptyFile");
});

test("a text file named .jpg is judged by its content", async () => {
  const path = join(dir, "notes.jpg");
  await writeFile(path, "this is not an image\n".repeat(20));
  const error = await expectCode(path, "UnsupportedFormat");
  assert.match(error.message, /not an image or video/);
});

test("a truncated JPEG", async () => {
  const whole = await readFile(join(fixturesDir, "images", "plaid-1024x768.jpg"));
  const path = join(dir, "truncated.jpg");
  await writeFile(path, whole.subarray(0, Math.floor(whole.length / 2)));
  await expectCode(path, "ImageDecodeError");
});

test("a JPEG whose header is cut short", async () => {
  const whole = await readFile(join(fixturesDir, "images", "plaid-1024x768.jpg"));
  const path = join(dir, "header-only.jpg");
  await writeFile(path, whole.subarray(0, 40));
  const error = await hashFile(path, options).catch((e: unknown) => e);
  assert.ok(error instanceof MediaError && ["UnsupportedFormat", "ImageDecodeError"].includes(error.code));
});

test("a PNG declaring 50000x50000 pixels is refused before decoding", async () => {
  const path = join(dir, "bomb.png");
  await writeFile(path, decompressionBombPng(50000, 50000));
  const before = process.memoryUsage().rss;
  const error = await expectCode(path, "ImageTooLarge", 2000);
  assert.match(error.message, /50000x50000/);
  assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024, "memory grew while refusing a bomb");
});

test("a PNG bomb under the pixel limit but with missing data fails to decode cleanly", async () => {
  const path = join(dir, "hollow.png");
  await writeFile(path, decompressionBombPng(4000, 4000));
  await expectCode(path, "ImageDecodeError", 10000);
});

test("a missing file and a folder", async () => {
  await expectCode(join(dir, "nope.png"), "NotFound");
  await expectCode(dir, "NotAFile");
});

test("an image over the byte limit", async () => {
  const path = join(fixturesDir, "images", "gradient-640x480.png");
  const error = await hashFile(path, {
    ...options,
    limits: { ...DEFAULT_MEDIA_LIMITS, maxImageBytes: 1000 },
  }).catch((e: unknown) => e);
  assert.ok(error instanceof MediaError);
  assert.equal(error.code, "FileTooLarge");
});
