/**
 * The verifier against hostile packages: a validly signed manifest that names
 * paths outside the package is refused without reading them; garbage JSON,
 * a missing folder and a bad public key are named problems, never crashes.
 */
import assert from "node:assert/strict";
import { generateKeyPairSync, sign } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { sha256Of } from "../../src/report/handover/package-format.js";
import { publicKeyFingerprint } from "../../src/report/handover/signing-key.js";
import { verifyPackage } from "../../src/report/handover/verify-package.js";

let root = "";
before(async () => {
  root = await mkdtemp(join(tmpdir(), "vigil-verify-"));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

async function signedPackage(
  name: string,
  files: { path: string; sha256: string; size: number }[],
): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const fingerprint = publicKeyFingerprint(publicKey);
  const manifest = Buffer.from(
    JSON.stringify({
      format: "vigil-evidence-package/1",
      case_id: 1,
      created_at: "2026-01-01T00:00:00Z",
      created_by: "test",
      signing_key_fingerprint: fingerprint,
      files,
    }),
  );
  await writeFile(join(dir, "manifest.json"), manifest);
  await writeFile(
    join(dir, "signature.json"),
    JSON.stringify({
      algorithm: "Ed25519",
      signed_file: "manifest.json",
      key_fingerprint: fingerprint,
      signature: sign(null, manifest, privateKey).toString("base64"),
    }),
  );
  await writeFile(join(dir, "public-key.pem"), publicKey.export({ type: "spki", format: "pem" }));
  return dir;
}

test("a signed manifest naming paths outside the package is refused, not followed", async () => {
  const outside = join(root, "outside.txt");
  await writeFile(outside, "benign");
  const dir = await signedPackage("escape", [
    { path: "../outside.txt", sha256: sha256Of(Buffer.from("benign")), size: 6 },
    { path: "/etc/hostname", sha256: "0".repeat(64), size: 1 },
    { path: "manifest.json", sha256: "0".repeat(64), size: 1 },
  ]);
  const report = await verifyPackage(dir);
  assert.equal(report.ok, false);
  assert.deepEqual(
    report.problems.map((p) => `${p.kind}:${p.path}`),
    ["unsafe_path:../outside.txt", "unsafe_path:/etc/hostname", "unsafe_path:manifest.json"],
  );
  assert.equal(report.filesChecked, 0);
});

test("garbage files, a missing folder and a corrupt packaged key are named problems", async () => {
  const dir = await signedPackage("garbage", []);
  assert.equal((await verifyPackage(dir)).ok, true, "an empty signed package is whole");
  await writeFile(join(dir, "signature.json"), "{not json");
  await writeFile(
    join(dir, "public-key.pem"),
    "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
  );
  const report = await verifyPackage(dir);
  assert.deepEqual(
    report.problems.map((p) => `${p.kind}:${p.path}`),
    ["unreadable:public-key.pem", "unreadable:signature.json"],
  );
  const missing = await verifyPackage(join(root, "no-such-package"));
  assert.deepEqual(
    missing.problems.map((p) => `${p.kind}:${p.path}`),
    ["missing:manifest.json", "missing:signature.json", "missing:public-key.pem"],
  );
  await writeFile(join(dir, "manifest.json"), "[]");
  const notManifest = await verifyPackage(dir);
  assert.ok(notManifest.problems.some((p) => p.kind === "unreadable" && p.path === "manifest.json"));
});
