/**
 * Checks a hand-over package: the Ed25519 signature over manifest.json (with
 * the public key given, or the one in the package, saying which), then every
 * listed file's size and SHA-256, then that no file was added. Every problem is
 * named with its file; nothing is trusted before it is checked, and manifest
 * paths that would leave the package are refused, not followed.
 */
import { type KeyObject, verify } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import {
  isSafePackagePath,
  MANIFEST_FILE,
  Manifest,
  PACKAGE_FILES,
  PUBLIC_KEY_FILE,
  SIGNATURE_FILE,
  Signature,
  sha256OfFile,
} from "./package-format.js";
import { publicKeyFingerprint, publicKeyFromPem } from "./signing-key.js";

export type PackageProblem =
  | { kind: "signature_invalid"; path: typeof MANIFEST_FILE; detail: string }
  | { kind: "unreadable"; path: string; detail: string }
  | { kind: "key_mismatch"; path: typeof PUBLIC_KEY_FILE; detail: string }
  | { kind: "modified"; path: string; detail: string }
  | { kind: "missing"; path: string; detail: string }
  | { kind: "extra"; path: string; detail: string }
  | { kind: "unsafe_path"; path: string; detail: string };

export interface VerifyReport {
  ok: boolean;
  /** Fingerprint of the key the signature was checked with. */
  keyFingerprint: string | null;
  /** "given": --public-key; "package": the package's own public-key.pem (proves integrity, not origin). */
  keySource: "given" | "package" | null;
  filesChecked: number;
  problems: PackageProblem[];
}

async function readText(dir: string, name: string, problems: PackageProblem[]): Promise<Buffer | null> {
  try {
    return await readFile(join(dir, name));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(
      code === "ENOENT"
        ? { kind: "missing", path: name, detail: "the package has no such file" }
        : { kind: "unreadable", path: name, detail: (error as Error).message },
    );
    return null;
  }
}

async function filesUnder(root: string, dir = root): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(root, path)));
    else found.push(relative(root, path).split(sep).join("/"));
  }
  return found;
}

function packagedKey(pem: string, problems: PackageProblem[] | null): KeyObject | null {
  if (!problems) return publicKeyFromPem(pem, "--public-key");
  try {
    return publicKeyFromPem(pem, PUBLIC_KEY_FILE);
  } catch (error) {
    problems.push({ kind: "unreadable", path: PUBLIC_KEY_FILE, detail: (error as Error).message });
    return null;
  }
}

function signatureVerifies(message: Buffer, key: KeyObject, base64: string): boolean {
  try {
    return verify(null, message, key, Buffer.from(base64, "base64"));
  } catch {
    return false;
  }
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
}

export async function verifyPackage(
  dir: string,
  options: { publicKeyPem?: string } = {},
): Promise<VerifyReport> {
  const problems: PackageProblem[] = [];
  const report: VerifyReport = {
    ok: false,
    keyFingerprint: null,
    keySource: null,
    filesChecked: 0,
    problems,
  };
  const manifestBytes = await readText(dir, MANIFEST_FILE, problems);
  const signatureBytes = await readText(dir, SIGNATURE_FILE, problems);
  const packageKeyPem = await readText(dir, PUBLIC_KEY_FILE, options.publicKeyPem ? [] : problems);

  const keyPem = options.publicKeyPem ?? packageKeyPem?.toString("utf8");
  // A given key that is not an Ed25519 public key is a usage error (thrown); a bad one in the package is a problem.
  const key = keyPem ? packagedKey(keyPem, options.publicKeyPem ? null : problems) : null;
  if (key) {
    report.keyFingerprint = publicKeyFingerprint(key);
    report.keySource = options.publicKeyPem ? "given" : "package";
  }
  const packaged =
    options.publicKeyPem && packageKeyPem ? packagedKey(packageKeyPem.toString("utf8"), problems) : null;
  if (packaged && publicKeyFingerprint(packaged) !== report.keyFingerprint) {
    problems.push({
      kind: "key_mismatch",
      path: PUBLIC_KEY_FILE,
      detail: `the package names key ${publicKeyFingerprint(packaged)}, not the given key ${report.keyFingerprint}`,
    });
  }
  const signature = signatureBytes ? Signature.safeParse(parseJson(signatureBytes)) : null;
  if (signatureBytes && !signature?.success) {
    problems.push({ kind: "unreadable", path: SIGNATURE_FILE, detail: "not a Vigil package signature" });
  }
  if (manifestBytes && key && signature?.success) {
    if (!signatureVerifies(manifestBytes, key, signature.data.signature)) {
      problems.push({
        kind: "signature_invalid",
        path: MANIFEST_FILE,
        detail: `the signature does not verify with key ${report.keyFingerprint}: the manifest was altered or signed by another key`,
      });
    }
  }
  const manifest = manifestBytes ? Manifest.safeParse(parseJson(manifestBytes)) : null;
  if (manifestBytes && !manifest?.success) {
    problems.push({ kind: "unreadable", path: MANIFEST_FILE, detail: "not a Vigil package manifest" });
  }
  if (manifest?.success) await checkFiles(dir, manifest.data, report);
  report.ok = problems.length === 0;
  return report;
}

async function checkFiles(dir: string, manifest: Manifest, report: VerifyReport): Promise<void> {
  const listed = new Set<string>();
  for (const file of manifest.files) {
    if (!isSafePackagePath(file.path) || (PACKAGE_FILES as readonly string[]).includes(file.path)) {
      report.problems.push({
        kind: "unsafe_path",
        path: file.path,
        detail: "the manifest names a path outside the package's files",
      });
      continue;
    }
    listed.add(file.path);
    const path = join(dir, file.path);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) {
      report.problems.push({
        kind: "missing",
        path: file.path,
        detail: "listed in the manifest, not in the package",
      });
      continue;
    }
    report.filesChecked++;
    if (info.size !== file.size) {
      report.problems.push({
        kind: "modified",
        path: file.path,
        detail: `size ${info.size}, manifest says ${file.size}`,
      });
      continue;
    }
    const sha256 = await sha256OfFile(path);
    if (sha256 !== file.sha256) {
      report.problems.push({
        kind: "modified",
        path: file.path,
        detail: `SHA-256 ${sha256}, manifest says ${file.sha256}`,
      });
    }
  }
  for (const path of await filesUnder(dir)) {
    if (!listed.has(path) && !(PACKAGE_FILES as readonly string[]).includes(path)) {
      report.problems.push({ kind: "extra", path, detail: "in the package, not in the manifest" });
    }
  }
}
