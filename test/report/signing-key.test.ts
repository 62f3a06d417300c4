/** The hand-over signing key: from VIGIL_EXPORT_SIGNING_KEY, or made once into the data folder; wrong keys are named errors. */
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { chmod, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { isSafePackagePath } from "../../src/report/handover/package-format.js";
import {
  loadOrCreateSigningKey,
  SIGNING_KEY_FILE,
  SigningKeyError,
} from "../../src/report/handover/signing-key.js";

let root = "";
before(async () => {
  root = await mkdtemp(join(tmpdir(), "vigil-signing-key-"));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function keyError(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => assert.fail("expected a SigningKeyError"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof SigningKeyError, String(error));
  return error.code;
}

test("first use writes a private Ed25519 key file; later uses read the same key", async () => {
  const dataDir = join(root, "a");
  const first = await loadOrCreateSigningKey(dataDir, {});
  if (process.platform !== "win32") {
    assert.equal((await stat(join(dataDir, SIGNING_KEY_FILE))).mode & 0o777, 0o600);
  }
  assert.match(first.fingerprint, /^SHA256:[0-9a-f]{64}$/);
  assert.match(first.publicKeyPem, /BEGIN PUBLIC KEY/);
  const again = await Promise.all([loadOrCreateSigningKey(dataDir, {}), loadOrCreateSigningKey(dataDir, {})]);
  assert.deepEqual(
    again.map((k) => k.fingerprint),
    [first.fingerprint, first.fingerprint],
  );
});

test("VIGIL_EXPORT_SIGNING_KEY is used when set; a non-Ed25519 or malformed key is refused", async () => {
  const { privateKey } = generateKeyPairSync("ed25519");
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const key = await loadOrCreateSigningKey(join(root, "b"), { VIGIL_EXPORT_SIGNING_KEY: pem });
  assert.match(key.fingerprint, /^SHA256:/);
  await assert.rejects(stat(join(root, "b", SIGNING_KEY_FILE)), { code: "ENOENT" });
  const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({
    type: "pkcs8",
    format: "pem",
  });
  assert.equal(
    await keyError(loadOrCreateSigningKey(root, { VIGIL_EXPORT_SIGNING_KEY: rsa.toString() })),
    "InvalidSigningKey",
  );
  assert.equal(
    await keyError(loadOrCreateSigningKey(root, { VIGIL_EXPORT_SIGNING_KEY: "not a key" })),
    "InvalidSigningKey",
  );
});

test("a key file others can read is refused", { skip: process.platform === "win32" }, async () => {
  const dataDir = join(root, "c");
  await loadOrCreateSigningKey(dataDir, {});
  await chmod(join(dataDir, SIGNING_KEY_FILE), 0o644);
  assert.equal(await keyError(loadOrCreateSigningKey(dataDir, {})), "SigningKeyFileInsecure");
});

test("manifest paths must stay inside the package", () => {
  for (const good of ["case.json", "media/m_1.png", "snapshots/snapshot-1.json"])
    assert.ok(isSafePackagePath(good), good);
  for (const bad of ["../x", "/etc/passwd", "a/../../b", "a//b", "./a", "a\\b", "a\u0000b", ""]) {
    assert.ok(!isSafePackagePath(bad), JSON.stringify(bad));
  }
});
