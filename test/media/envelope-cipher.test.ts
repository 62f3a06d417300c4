/** Envelope encryption: per-blob data keys wrapped by the master key, old blobs still open, rotation re-wraps. */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { BLOB_OVERHEAD, blobKeyId, openBlob, rewrapBlob, sealBlob } from "../../src/media/blob-cipher.js";
import { sealBlobV1 } from "../../src/media/blob-cipher-v1.js";
import { type MediaKeyring, mediaKeyFromBytes } from "../../src/media/media-key.js";
import { LocalMediaVault } from "../../src/media/media-vault.js";
import { MediaVaultError } from "../../src/media/media-vault-error.js";

const REF = "0123456789abcdef0123456789abcdef";
const CONTENT = Buffer.from("benign generated test pattern ".repeat(100));

function ring(current = randomBytes(32), ...previous: Buffer[]): MediaKeyring {
  return { current: mediaKeyFromBytes(current), previous: previous.map(mediaKeyFromBytes) };
}

function vaultCode(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof MediaVaultError, String(error));
    return error.code;
  }
  return assert.fail("expected a MediaVaultError");
}

let root = "";
before(async () => {
  root = await mkdtemp(join(tmpdir(), "vigil-envelope-"));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

test("round trip: version 2 header, master key id, and a fresh data key per blob", () => {
  const keys = ring();
  const a = sealBlob(CONTENT, REF, keys.current);
  const b = sealBlob(CONTENT, REF, keys.current);
  assert.equal(a[4], 2, "format version 2");
  assert.equal(blobKeyId(a, REF), keys.current.id);
  assert.equal(a.length, CONTENT.length + BLOB_OVERHEAD);
  // Same content, same master key, same ref: different wrapped keys and ciphertexts.
  assert.notDeepEqual(a.subarray(25, 57), b.subarray(25, 57));
  assert.notDeepEqual(a.subarray(BLOB_OVERHEAD), b.subarray(BLOB_OVERHEAD));
  assert.ok(openBlob(a, REF, keys).equals(CONTENT));
  assert.ok(openBlob(sealBlob(Buffer.alloc(0), REF, keys.current), REF, keys).equals(Buffer.alloc(0)));
});

test("the wrong master key is a clear error naming the key; a forged wrap fails authentication", () => {
  const sealed = sealBlob(CONTENT, REF, ring().current);
  const other = ring();
  assert.equal(
    vaultCode(() => openBlob(sealed, REF, other)),
    "UnknownMediaKey",
  );
  try {
    openBlob(sealed, REF, other);
  } catch (error) {
    assert.match((error as Error).message, /VIGIL_MEDIA_KEY/);
    assert.match((error as Error).message, new RegExp(blobKeyId(sealed, REF)));
  }
  // A header that names the right key id but a wrap made under another key.
  const victim = ring();
  const forged = Buffer.from(sealBlob(CONTENT, REF, victim.current));
  const attacker = sealBlob(CONTENT, REF, other.current);
  attacker.copy(forged, 13, 13, 13 + 60);
  assert.equal(
    vaultCode(() => openBlob(forged, REF, victim)),
    "BlobAuthenticationFailed",
  );
});

test("wrap and content are each bound to the ref: a blob under another name does not open", () => {
  const keys = ring();
  const sealed = sealBlob(CONTENT, REF, keys.current);
  assert.equal(
    vaultCode(() => openBlob(sealed, "f".repeat(32), keys)),
    "BlobAuthenticationFailed",
  );
});

test("an old-format (version 1) blob still opens, and re-wrapping moves it to version 2", () => {
  const keys = ring();
  const old = sealBlobV1(CONTENT, REF, keys.current);
  assert.equal(old[4], 1);
  assert.ok(openBlob(old, REF, keys).equals(CONTENT));
  const upgraded = rewrapBlob(old, REF, keys);
  assert.ok(upgraded);
  assert.equal(upgraded[4], 2);
  assert.ok(openBlob(upgraded, REF, keys).equals(CONTENT));
});

test("rotation re-wraps only the data key: the ciphertext stays byte for byte", () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const sealed = sealBlob(CONTENT, REF, mediaKeyFromBytes(oldKey));
  const rotated = ring(newKey, oldKey);
  assert.equal(rewrapBlob(sealBlob(CONTENT, REF, rotated.current), REF, rotated), null);
  const rewrapped = rewrapBlob(sealed, REF, rotated);
  assert.ok(rewrapped);
  assert.equal(blobKeyId(rewrapped, REF), rotated.current.id);
  assert.ok(rewrapped.subarray(73).equals(sealed.subarray(73)), "data nonce, ciphertext and tag unchanged");
  assert.ok(openBlob(rewrapped, REF, ring(newKey)).equals(CONTENT), "opens without the old key");
});

test("the vault re-wraps a stored blob in place and old v1 files on disk still open", async () => {
  const oldKey = randomBytes(32);
  const dir = join(root, "vault");
  const before = await LocalMediaVault.open(dir, ring(oldKey));
  const stored = await before.put(CONTENT);
  const v1 = await before.put(Buffer.from("placeholder"));
  const v1Path = join(dir, v1.ref.slice(0, 2), `${v1.ref}.blob`);
  await writeFile(v1Path, sealBlobV1(CONTENT, v1.ref, mediaKeyFromBytes(oldKey)));
  assert.ok((await before.get(v1.ref)).equals(CONTENT));

  const newKey = randomBytes(32);
  const rotated = await LocalMediaVault.open(dir, ring(newKey, oldKey));
  assert.equal(await rotated.rewrap(stored.ref), true);
  assert.equal(await rotated.rewrap(stored.ref), false);
  assert.equal(await rotated.rewrap(v1.ref), true);
  assert.equal((await readFile(v1Path))[4], 2);
  const newOnly = await LocalMediaVault.open(dir, ring(newKey));
  assert.ok((await newOnly.get(stored.ref)).equals(CONTENT));
  assert.ok((await newOnly.get(v1.ref)).equals(CONTENT));
});
