/**
 * Writes the police hand-over package for one case (package-format.ts):
 * decrypts every stored media file of the case and every sealed snapshot
 * through the audited evidence access, writes the case record and its parts,
 * then the manifest, its Ed25519 signature and the public key. The export
 * itself is written to the audit log with the manifest's SHA-256, so the log
 * names exactly which package left. Files are private (0600 in a 0700 folder):
 * they are decrypted evidence.
 */
import { sign } from "node:crypto";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { buildCaseRecord, caseRecordBytes } from "../evidence/case-record.js";
import type { EvidenceActor } from "../evidence/evidence-actor.js";
import type { EvidenceStore } from "../evidence/evidence-store.js";
import { handoverAccounts } from "./account-list.js";
import {
  MANIFEST_FILE,
  type Manifest,
  type ManifestFile,
  PACKAGE_FORMAT,
  PUBLIC_KEY_FILE,
  SIGNATURE_FILE,
  type Signature,
  sha256Of,
} from "./package-format.js";
import type { ExportSigningKey } from "./signing-key.js";

export class ExportError extends Error {
  override readonly name = "ExportError";
  constructor(
    readonly code: "ExportTargetNotEmpty",
    message: string,
  ) {
    super(message);
  }
}

export interface ExportOptions {
  caseId: number;
  outDir: string;
  key: ExportSigningKey;
  by: EvidenceActor;
  /** Called once with the number of files to write, then after each. */
  onStart?(total: number): void;
  onFile?(path: string): void;
  /**
   * Decrypts a stored phone number (the data key's field cipher). Without it the package lists
   * the accounts with their phones withheld.
   */
  revealPhone?: (sealed: string) => string | null;
}

export interface ExportedPackage {
  dir: string;
  manifest: Manifest;
  manifestSha256: string;
}

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": ".jpg",
  "image/png": ".png",
  "image/gif": ".gif",
  "image/webp": ".webp",
  "image/bmp": ".bmp",
  "image/tiff": ".tif",
  "video/mp4": ".mp4",
  "video/webm": ".webm",
  "video/quicktime": ".mov",
};

function mediaFileName(mediaId: string, mime: string | null): string {
  return `media/${mediaId.replace(/[^A-Za-z0-9_-]/g, "_")}${EXTENSIONS[mime ?? ""] ?? ".bin"}`;
}

function json(value: unknown): Buffer {
  return caseRecordBytes(value);
}

async function emptyTarget(dir: string): Promise<void> {
  const existing = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  if (existing.length > 0) {
    throw new ExportError("ExportTargetNotEmpty", `${dir} is not empty; choose a new folder for the package`);
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
}

export async function exportCase(store: EvidenceStore, options: ExportOptions): Promise<ExportedPackage> {
  const deps = store.deps;
  const dir = resolve(options.outDir);
  const record = await buildCaseRecord(deps, options.caseId);
  await emptyTarget(dir);
  const snapshots = (await deps.evidence.snapshotsOfCase(options.caseId)).filter((s) => s.blobRef !== null);
  const mediaList = record.media as { id: string; mime: string | null; stored: boolean }[];
  const stored = mediaList.filter((m) => m.stored);
  options.onStart?.(7 + stored.length + snapshots.length);

  const files: ManifestFile[] = [];
  const put = async (path: string, bytes: Buffer) => {
    await mkdir(dirname(join(dir, path)), { recursive: true, mode: 0o700 });
    await writeFile(join(dir, path), bytes, { mode: 0o600, flag: "wx" });
    files.push({ path, sha256: sha256Of(bytes), size: bytes.length });
    options.onFile?.(path);
  };
  const purpose = `police hand-over package of case ${options.caseId}`;

  const mediaFiles = new Map<string, string>();
  for (const item of stored) {
    const opened = await store.access.openMedia(item.id, options.by, purpose);
    const path = mediaFileName(item.id, opened.mime);
    mediaFiles.set(item.id, path);
    await put(path, opened.bytes);
  }
  for (const snapshot of snapshots) {
    await put(
      `snapshots/snapshot-${snapshot.id}.json`,
      await store.access.openSnapshot(snapshot.id, options.by, purpose),
    );
  }
  await put("case.json", json(record));
  await put("moderation-history.json", json(record.moderation_history));
  await put("reports-sent.json", json(record.reports_sent));
  await put("holds.json", json(await deps.holds.ofCase(options.caseId)));
  await put("media.json", json(mediaList.map((m) => ({ ...m, file: mediaFiles.get(m.id) ?? null }))));
  const { platform, type, id } = record.subject;
  const accounts = handoverAccounts(
    platform,
    await deps.caseAccounts.ofSubject(platform, type, id),
    options.revealPhone,
  );
  await put("accounts.json", json(accounts.accounts));
  await writeFile(join(dir, PUBLIC_KEY_FILE), options.key.publicKeyPem, { mode: 0o600, flag: "wx" });
  options.onFile?.(PUBLIC_KEY_FILE);

  const manifest: Manifest = {
    format: PACKAGE_FORMAT,
    case_id: options.caseId,
    created_at: deps.clock().toISOString(),
    created_by: options.by.actor,
    signing_key_fingerprint: options.key.fingerprint,
    files: files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
  const manifestBytes = json(manifest);
  const signature: Signature = {
    algorithm: "Ed25519",
    signed_file: MANIFEST_FILE,
    key_fingerprint: options.key.fingerprint,
    signature: sign(null, manifestBytes, options.key.privateKey).toString("base64"),
  };
  await writeFile(join(dir, MANIFEST_FILE), manifestBytes, { mode: 0o600, flag: "wx" });
  await writeFile(join(dir, SIGNATURE_FILE), json(signature), { mode: 0o600, flag: "wx" });
  options.onFile?.(MANIFEST_FILE);
  const manifestSha256 = sha256Of(manifestBytes);
  await deps.audit.append({
    actor: options.by.actor,
    action: "case.export",
    targetType: "case",
    targetId: String(options.caseId),
    detail: {
      role: options.by.role,
      manifest_sha256: manifestSha256,
      files: files.length,
      media: stored.length,
      accounts: accounts.accounts.length,
      phones_revealed: accounts.revealed,
      key_fingerprint: options.key.fingerprint,
      out: dir,
    },
  });
  return { dir, manifest, manifestSha256 };
}
