/**
 * Media intake end to end on a real vault: good images come back hashed exactly as
 * `vigil hash` hashes the same file and stored sealed; every bad input gets a clear
 * code and leaves the vault empty.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import sharp from "sharp";
import { DEFAULT_HASH_FILE_OPTIONS, hashFile } from "../../src/hashing/hash-file.js";
import { MediaError } from "../../src/hashing/media-error.js";
import { DEFAULT_FETCH_MEDIA_OPTIONS } from "../../src/media/fetch-public-media.js";
import { MediaFetchError } from "../../src/media/media-fetch-error.js";
import {
  DEFAULT_MEDIA_INTAKE_OPTIONS,
  intakeMedia,
  isMediaIntakeError,
  type MediaIntakeOptions,
  type MediaSource,
  receiveMedia,
} from "../../src/media/media-intake.js";
import { mediaKeyFromBytes } from "../../src/media/media-key.js";
import { LocalMediaVault } from "../../src/media/media-vault.js";
import { decompressionBombPng } from "../support/crafted-media.js";
import { corruptMp4, FFMPEG_ABSENT, generatedVideo } from "../support/generated-video.js";
import { type MediaServer, startMediaServer } from "../support/media-server.js";
import { fixturesDir } from "../support/paths.js";

let dir = "";
let vault: LocalMediaVault;
let server: MediaServer;
const checkerPath = join(fixturesDir, "images", "checker-300x200.png");
const plaidPath = join(fixturesDir, "images", "plaid-1024x768.jpg");

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "vigil-media-intake-"));
  vault = await LocalMediaVault.open(dir, { current: mediaKeyFromBytes(randomBytes(32)), previous: [] });
  server = await startMediaServer(await readFile(checkerPath));
});
after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** Tests only: lets intake fetch from the local server on 127.0.0.1. */
const LOCAL: Partial<MediaIntakeOptions> = {
  fetch: { ...DEFAULT_FETCH_MEDIA_OPTIONS, isAllowedAddress: (address) => address === "127.0.0.1" },
};

async function vaultFiles(): Promise<string[]> {
  const found: string[] = [];
  const walk = async (path: string) => {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      if (entry.isDirectory()) await walk(join(path, entry.name));
      else found.push(join(path, entry.name));
    }
  };
  await walk(vault.root);
  return found;
}

/** Intake must refuse `source` with `code`, and the vault must hold exactly what it held before. */
async function expectRefused(
  source: MediaSource,
  code: string,
  options: Partial<MediaIntakeOptions> = LOCAL,
): Promise<Error> {
  const before = await vaultFiles();
  const error = await intakeMedia(source, vault, options).then(
    () => assert.fail(`intake should have failed with ${code}`),
    (e: unknown) => e,
  );
  assert.ok(isMediaIntakeError(error), `expected a coded intake error, got ${String(error)}`);
  assert.equal(error.code, code, error.message);
  assert.deepEqual(await vaultFiles(), before, "a refused input changed the vault");
  return error;
}

test("an uploaded image is hashed as `vigil hash` hashes the file, and stored sealed", async () => {
  for (const path of [checkerPath, plaidPath]) {
    const bytes = await readFile(path);
    const expected = await hashFile(path, DEFAULT_HASH_FILE_OPTIONS);
    const media = await intakeMedia({ kind: "bytes", bytes }, vault);
    assert.equal(expected.kind, "image");
    if (expected.kind !== "image") return;
    assert.equal(media.sha256, expected.sha256);
    assert.equal(media.md5, expected.md5);
    assert.equal(media.pdq, expected.pdq);
    assert.equal(media.quality, expected.quality);
    assert.equal(media.size, bytes.length);
    assert.equal(media.width, expected.width);
    assert.equal(media.sourceUrl, undefined);
    assert.ok((await vault.get(media.ref)).equals(bytes));
  }
});

test("the MIME type comes from the content: generated WebP, JPEG and GIF", async () => {
  const pattern = sharp({
    create: { width: 64, height: 48, channels: 3, background: { r: 30, g: 120, b: 200 } },
  });
  const cases: [Buffer, string][] = [
    [await pattern.clone().webp().toBuffer(), "image/webp"],
    [await pattern.clone().jpeg().toBuffer(), "image/jpeg"],
    [await pattern.clone().gif().toBuffer(), "image/gif"],
  ];
  for (const [bytes, mime] of cases) {
    const media = await intakeMedia({ kind: "bytes", bytes }, vault);
    assert.equal(media.mime, mime);
    assert.match(String(media.pdq), /^[0-9a-f]{64}$/);
  }
});

test("an image by URL is fetched, hashed the same way and stored", async () => {
  const expected = await hashFile(checkerPath, DEFAULT_HASH_FILE_OPTIONS);
  const media = await intakeMedia({ kind: "url", url: `${server.origin}/redirect` }, vault, LOCAL);
  assert.equal(media.sha256, expected.sha256);
  assert.equal(media.mime, "image/png");
  assert.equal(media.sourceUrl, `${server.origin}/image`);
  assert.ok((await vault.get(media.ref)).equals(await readFile(checkerPath)));
});

test("receiveMedia hashes without storing, for callers that de-duplicate first", async () => {
  const before = await vaultFiles();
  const received = await receiveMedia({ kind: "bytes", bytes: await readFile(checkerPath) });
  assert.match(received.hashes.sha256, /^[0-9a-f]{64}$/);
  assert.deepEqual(await vaultFiles(), before);
});

test("zero bytes", async () => {
  await expectRefused({ kind: "bytes", bytes: new Uint8Array(0) }, "EmptyFile");
});

test("a text file, whatever it was called", async () => {
  const text = Buffer.from("this is not an image\n".repeat(20));
  await expectRefused({ kind: "bytes", bytes: text }, "UnsupportedFormat");
  await expectRefused({ kind: "url", url: `${server.origin}/text` }, "UnsupportedFormat");
});

test("truncated and corrupt images", async () => {
  const whole = await readFile(plaidPath);
  await expectRefused(
    { kind: "bytes", bytes: whole.subarray(0, Math.floor(whole.length / 2)) },
    "ImageDecodeError",
  );
  const header = await intakeMedia({ kind: "bytes", bytes: whole.subarray(0, 40) }, vault).catch(
    (e: unknown) => e,
  );
  assert.ok(header instanceof MediaError && ["UnsupportedFormat", "ImageDecodeError"].includes(header.code));
  const scrambled = Buffer.from(whole);
  scrambled.fill(0xaa, 600, scrambled.length - 2);
  const error = await intakeMedia({ kind: "bytes", bytes: scrambled }, vault).then(
    (media) => media,
    (e: unknown) => e,
  );
  // libjpeg may recover garbage into pixels or give up; either is fine as long as a failure is coded.
  if (error instanceof Error) assert.ok(isMediaIntakeError(error), String(error));
});

test("a decompression bomb is refused from its header, fast", async () => {
  const started = Date.now();
  const error = await expectRefused(
    { kind: "bytes", bytes: decompressionBombPng(50000, 50000) },
    "ImageTooLarge",
  );
  assert.match(error.message, /50000x50000/);
  assert.ok(Date.now() - started < 2000);
  await expectRefused({ kind: "bytes", bytes: decompressionBombPng(4000, 4000) }, "ImageDecodeError");
});

test("a generated video is hashed as `vigil hash` hashes the file, stored sealed", {
  skip: FFMPEG_ABSENT,
}, async () => {
  const bytes = await generatedVideo("webm", 3);
  const path = join(dir, "clip.webm");
  await writeFile(path, bytes);
  const expected = await hashFile(path, DEFAULT_HASH_FILE_OPTIONS);
  assert.equal(expected.kind, "video");
  if (expected.kind !== "video") return;
  const media = await intakeMedia({ kind: "bytes", bytes }, vault);
  assert.equal(media.kind, "video");
  if (media.kind !== "video") return;
  assert.equal(media.mime, "video/webm");
  assert.equal(media.sha256, expected.sha256);
  assert.equal(media.pdq, null, "a video has vPDQ, not one PDQ");
  assert.equal(media.frames, expected.frames.length);
  const lines = media.vpdq.trim().split("\n");
  assert.deepEqual(
    lines.map((l) => l.split(",")[2]),
    expected.frames.map((f) => f.pdq),
  );
  assert.ok((await vault.get(media.ref)).equals(bytes));
  await rm(path);
});

test("a corrupt video is refused as VideoDecodeError and nothing is stored", {
  skip: FFMPEG_ABSENT,
}, async () => {
  const error = await expectRefused({ kind: "bytes", bytes: corruptMp4() }, "VideoDecodeError");
  assert.ok(error instanceof MediaError);
});

test("oversized bodies: an upload over maxBytes, a download over maxBytes", async () => {
  const bytes = await readFile(checkerPath);
  await expectRefused({ kind: "bytes", bytes }, "FileTooLarge", { maxBytes: 100 });
  await expectRefused({ kind: "url", url: `${server.origin}/image` }, "MediaTooLarge", {
    ...LOCAL,
    maxBytes: 100,
  });
  await expectRefused({ kind: "url", url: `${server.origin}/huge-streamed` }, "MediaTooLarge");
  assert.equal(DEFAULT_MEDIA_INTAKE_OPTIONS.maxBytes, 20 * 1024 * 1024);
});

test("a URL to a private address is refused by the default policy", async () => {
  const error = await expectRefused({ kind: "url", url: `${server.origin}/image` }, "UrlNotAllowed", {});
  assert.ok(error instanceof MediaFetchError);
  await expectRefused({ kind: "url", url: "http://169.254.169.254/latest/meta-data/" }, "UrlNotAllowed", {});
});
