/**
 * Evidence store (issue 8): what envelope encryption costs next to sealing
 * with the master key directly (format 1), what re-wrapping a blob after a
 * master key rotation costs, and how fast a hand-over package verifies (hash
 * throughput over its files). All in memory or a temp folder; no database.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { openBlob, rewrapBlob, sealBlob } from "../src/media/blob-cipher.js";
import { openBlobV1, sealBlobV1 } from "../src/media/blob-cipher-v1.js";
import { mediaKeyFromBytes } from "../src/media/media-key.js";
import { sha256OfFile } from "../src/report/handover/package-format.js";

const REF = "0123456789abcdef0123456789abcdef";

function mibPerSecond(bytes: number, ms: number): string {
  return `${(bytes / 2 ** 20 / (ms / 1000)).toFixed(0)} MiB/s`;
}

function time(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

export async function runEvidenceBench(options: {
  blobs: number;
  blobBytes: number;
  log: (line: string) => void;
}): Promise<{ label: string; value: string }[]> {
  const master = mediaKeyFromBytes(randomBytes(32));
  const rotated = { current: mediaKeyFromBytes(randomBytes(32)), previous: [master] };
  const ring = { current: master, previous: [] };
  const payload = randomBytes(options.blobBytes);
  const total = options.blobs * options.blobBytes;
  const load = loadavg()[0].toFixed(1);
  options.log(`${options.blobs} blobs of ${options.blobBytes} bytes; load average ${load}`);
  let sealed: Buffer[] = [];
  const v2Seal = time(() => {
    sealed = Array.from({ length: options.blobs }, () => sealBlob(payload, REF, master));
  });
  const v2Open = time(() => {
    for (const blob of sealed) openBlob(blob, REF, ring);
  });
  const rewrap = time(() => {
    for (const blob of sealed) rewrapBlob(blob, REF, rotated);
  });
  let sealedV1: Buffer[] = [];
  const v1Seal = time(() => {
    sealedV1 = Array.from({ length: options.blobs }, () => sealBlobV1(payload, REF, master));
  });
  const v1Open = time(() => {
    for (const blob of sealedV1) openBlobV1(blob, REF, master);
  });
  const dir = await mkdtemp(join(tmpdir(), "vigil-bench-evidence-"));
  try {
    for (let i = 0; i < options.blobs; i++) await writeFile(join(dir, `f${i}`), payload);
    const started = performance.now();
    for (let i = 0; i < options.blobs; i++) await sha256OfFile(join(dir, `f${i}`));
    const verifyMs = performance.now() - started;
    return [
      { label: "load average (1 min) during the run", value: load },
      {
        label: "note",
        value:
          "formats 1 and 2 differ by one 32-byte AES-GCM wrap per blob; gaps between them here are load noise",
      },
      { label: "seal, envelope (format 2)", value: mibPerSecond(total, v2Seal) },
      { label: "seal, master key directly (format 1)", value: mibPerSecond(total, v1Seal) },
      { label: "open, envelope (format 2)", value: mibPerSecond(total, v2Open) },
      { label: "open, format 1", value: mibPerSecond(total, v1Open) },
      {
        label: `re-wrap after rotation (verifies content, keeps ciphertext), per ${options.blobBytes}-byte blob`,
        value: `${(rewrap / options.blobs).toFixed(2)} ms`,
      },
      { label: "package verification: SHA-256 of files on disk", value: mibPerSecond(total, verifyMs) },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
