/** The media key: made once with private permissions, or taken from the environment, and rotatable. */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { loadOrCreateMediaKey, MEDIA_KEY_FILE, MediaKeyError } from "../../src/media/media-key.js";

let root = "";
before(async () => {
  root = await mkdtemp(join(tmpdir(), "vigil-media-key-"));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

let dirs = 0;
function freshDir(): string {
  return join(root, `data-${dirs++}`);
}

function base64Key(): string {
  return randomBytes(32).toString("base64");
}

async function expectKeyError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => assert.fail(`expected ${code}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof MediaKeyError, String(error));
  assert.equal(error.code, code);
}

test("first use creates a 0600 key file of 32 random bytes; later uses read it", async () => {
  const dataDir = freshDir();
  const first = await loadOrCreateMediaKey(dataDir, {});
  const path = join(dataDir, MEDIA_KEY_FILE);
  if (process.platform !== "win32") assert.equal((await stat(path)).mode & 0o777, 0o600);
  assert.equal(Buffer.from((await readFile(path, "utf8")).trim(), "base64").length, 32);
  assert.match(first.current.id, /^[0-9a-f]{16}$/);
  assert.deepEqual(first.previous, []);
  const second = await loadOrCreateMediaKey(dataDir, {});
  assert.equal(second.current.id, first.current.id);
  assert.ok(second.current.key.equals(first.current.key));
  assert.deepEqual(await readdir(dataDir), [MEDIA_KEY_FILE], "no temporary file is left behind");
});

test("processes starting together agree on one key", async () => {
  const dataDir = freshDir();
  const rings = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateMediaKey(dataDir, {})));
  assert.equal(new Set(rings.map((ring) => ring.current.id)).size, 1);
});

test("VIGIL_MEDIA_KEY is used when set, and no key file is made", async () => {
  const dataDir = freshDir();
  const key = base64Key();
  const ring = await loadOrCreateMediaKey(dataDir, { VIGIL_MEDIA_KEY: key });
  assert.ok(ring.current.key.equals(Buffer.from(key, "base64")));
  await assert.rejects(stat(join(dataDir, MEDIA_KEY_FILE)), { code: "ENOENT" });
});

test("switching from the key file to VIGIL_MEDIA_KEY keeps the file key for reading", async () => {
  const dataDir = freshDir();
  const fileRing = await loadOrCreateMediaKey(dataDir, {});
  const ring = await loadOrCreateMediaKey(dataDir, { VIGIL_MEDIA_KEY: base64Key() });
  assert.notEqual(ring.current.id, fileRing.current.id);
  assert.deepEqual(
    ring.previous.map((key) => key.id),
    [fileRing.current.id],
  );
});

test("VIGIL_MEDIA_PREVIOUS_KEYS adds read-only keys", async () => {
  const previous = [base64Key(), base64Key()];
  const ring = await loadOrCreateMediaKey(freshDir(), {
    VIGIL_MEDIA_KEY: base64Key(),
    VIGIL_MEDIA_PREVIOUS_KEYS: previous.join(","),
  });
  assert.equal(ring.previous.length, 2);
});

test("a malformed VIGIL_MEDIA_KEY is an error, never a silent fallback", async () => {
  await expectKeyError(
    loadOrCreateMediaKey(freshDir(), { VIGIL_MEDIA_KEY: "not base64!" }),
    "InvalidMediaKey",
  );
  await expectKeyError(
    loadOrCreateMediaKey(freshDir(), { VIGIL_MEDIA_KEY: randomBytes(16).toString("base64") }),
    "InvalidMediaKey",
  );
  await expectKeyError(
    loadOrCreateMediaKey(freshDir(), { VIGIL_MEDIA_KEY: base64Key(), VIGIL_MEDIA_PREVIOUS_KEYS: "abc" }),
    "InvalidMediaKey",
  );
});

test("a key file readable by others is refused", { skip: process.platform === "win32" }, async () => {
  const dataDir = freshDir();
  await loadOrCreateMediaKey(dataDir, {});
  await chmod(join(dataDir, MEDIA_KEY_FILE), 0o644);
  await expectKeyError(loadOrCreateMediaKey(dataDir, {}), "MediaKeyFileInsecure");
});
