/** The encrypted vault: round trips, nothing readable on disk, tampering detected, keys rotate. */
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { type MediaKeyring, mediaKeyFromBytes } from "../../src/media/media-key.js";
import { LocalMediaVault, openMediaVault } from "../../src/media/media-vault.js";
import { MediaVaultError } from "../../src/media/media-vault-error.js";

let root = "";
before(async () => {
  root = await mkdtemp(join(tmpdir(), "vigil-media-vault-"));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

let dirs = 0;
function freshDir(): string {
  return join(root, `vault-${dirs++}`);
}

function ring(current = randomBytes(32), ...previous: Buffer[]): MediaKeyring {
  return { current: mediaKeyFromBytes(current), previous: previous.map(mediaKeyFromBytes) };
}

/** A recognisable benign payload, so a test can look for it in every file on disk. */
const MARKER = Buffer.from("VIGIL-TEST-PLAINTEXT-MARKER ".repeat(400));

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path)));
    else found.push(path);
  }
  return found;
}

async function expectVaultError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => assert.fail(`expected ${code}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof MediaVaultError, String(error));
  assert.equal(error.code, code, error.message);
}

function blobPath(vault: LocalMediaVault, ref: string): string {
  return join(vault.root, ref.slice(0, 2), `${ref}.blob`);
}

test("put then get returns the same bytes, for empty, small and several-megabyte blobs", async () => {
  const vault = await LocalMediaVault.open(freshDir(), ring());
  for (const bytes of [Buffer.alloc(0), Buffer.from("x"), MARKER, randomBytes(5 * 1024 * 1024)]) {
    const stored = await vault.put(bytes);
    assert.equal(stored.size, bytes.length);
    assert.ok((await vault.get(stored.ref)).equals(bytes));
  }
});

test("on disk: random sharded names, private files, no plaintext, nothing left in tmp", async () => {
  const vault = await LocalMediaVault.open(freshDir(), ring());
  const a = await vault.put(MARKER);
  const b = await vault.put(MARKER);
  assert.notEqual(a.ref, b.ref, "the same content gets two names: names are not content hashes");
  assert.match(a.ref, /^[0-9a-f]{32}$/);
  const sha256 = createHash("sha256").update(MARKER).digest("hex");
  const files = await filesUnder(vault.root);
  assert.deepEqual(files.sort(), [blobPath(vault, a.ref), blobPath(vault, b.ref)].sort());
  for (const file of files) {
    assert.ok(!file.includes(sha256.slice(0, 16)));
    const contents = await readFile(file);
    assert.equal(contents.indexOf(MARKER.subarray(0, 27)), -1, `${file} holds plaintext`);
    if (process.platform !== "win32") assert.equal((await stat(file)).mode & 0o777, 0o600);
  }
});

test("a flipped byte anywhere fails authentication, with a clear code", async () => {
  const vault = await LocalMediaVault.open(freshDir(), ring());
  const { ref } = await vault.put(MARKER);
  const original = await readFile(blobPath(vault, ref));
  // header nonce, first ciphertext byte, middle, last ciphertext byte, tag
  for (const offset of [20, 25, 25 + 5000, original.length - 17, original.length - 1]) {
    const tampered = Buffer.from(original);
    tampered[offset] ^= 0x01;
    await writeFile(blobPath(vault, ref), tampered);
    await expectVaultError(vault.get(ref), "BlobAuthenticationFailed");
  }
  await writeFile(blobPath(vault, ref), original.subarray(0, original.length - 100));
  await expectVaultError(vault.get(ref), "BlobAuthenticationFailed");
  await writeFile(blobPath(vault, ref), original.subarray(0, 30));
  await expectVaultError(vault.get(ref), "BlobCorrupt");
  await writeFile(blobPath(vault, ref), Buffer.concat([Buffer.from("JUNK"), original.subarray(4)]));
  await expectVaultError(vault.get(ref), "BlobCorrupt");
  const otherVersion = Buffer.from(original);
  otherVersion[4] = 9;
  await writeFile(blobPath(vault, ref), otherVersion);
  await expectVaultError(vault.get(ref), "BlobCorrupt");
});

test("a blob copied over another blob's name is refused", async () => {
  const vault = await LocalMediaVault.open(freshDir(), ring());
  const a = await vault.put(Buffer.from("first benign blob"));
  const b = await vault.put(Buffer.from("second benign blob"));
  await writeFile(blobPath(vault, b.ref), await readFile(blobPath(vault, a.ref)));
  await expectVaultError(vault.get(b.ref), "BlobAuthenticationFailed");
});

test("keys rotate: old blobs open with a previous key, new blobs use the current one", async () => {
  const dir = freshDir();
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const before = await LocalMediaVault.open(dir, ring(oldKey));
  const old = await before.put(Buffer.from("sealed under the old key"));

  const withoutOld = await LocalMediaVault.open(dir, ring(newKey));
  await expectVaultError(withoutOld.get(old.ref), "UnknownMediaKey");

  const rotated = await LocalMediaVault.open(dir, ring(newKey, oldKey));
  assert.equal((await rotated.get(old.ref)).toString(), "sealed under the old key");
  const fresh = await rotated.put(Buffer.from("sealed under the new key"));
  const header = await readFile(blobPath(rotated, fresh.ref));
  assert.equal(header.subarray(5, 13).toString("hex"), mediaKeyFromBytes(newKey).id);
});

test("refs that are not vault names are refused before touching the disk", async () => {
  const vault = await LocalMediaVault.open(freshDir(), ring());
  for (const ref of ["../../etc/passwd", "", "ABCDEF0123456789ABCDEF0123456789", `${"a".repeat(32)}/..`]) {
    await expectVaultError(vault.get(ref), "InvalidBlobRef");
    await expectVaultError(vault.delete(ref), "InvalidBlobRef");
  }
});

test("delete removes a blob once; reading it afterwards is BlobNotFound", async () => {
  const vault = await LocalMediaVault.open(freshDir(), ring());
  const { ref } = await vault.put(MARKER);
  assert.equal(await vault.delete(ref), true);
  assert.equal(await vault.delete(ref), false);
  await expectVaultError(vault.get(ref), "BlobNotFound");
});

test("opening sweeps stale temporary files left by a crash, and keeps fresh ones", async () => {
  const dir = freshDir();
  await LocalMediaVault.open(dir, ring());
  const stale = join(dir, "tmp", "crashed.tmp");
  const fresh = join(dir, "tmp", "in-progress.tmp");
  await writeFile(stale, "ciphertext");
  await writeFile(fresh, "ciphertext");
  const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
  await utimes(stale, twoHoursAgo, twoHoursAgo);
  await LocalMediaVault.open(dir, ring());
  assert.deepEqual(await readdir(join(dir, "tmp")), ["in-progress.tmp"]);
});

test("openMediaVault keeps blobs in <dataDir>/media under the data folder's key", async () => {
  const dataDir = freshDir();
  const vault = await openMediaVault(dataDir, {});
  const { ref } = await vault.put(MARKER);
  assert.equal(vault.root, join(dataDir, "media"));
  const reopened = await openMediaVault(dataDir, {});
  assert.ok((await reopened.get(ref)).equals(MARKER));
});
