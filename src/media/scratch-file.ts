/**
 * A short-lived plaintext copy of media for ffmpeg, which needs a seekable file:
 * MP4 and MOV often keep their index (moov) at the end, so a pipe cannot be
 * demuxed. The copy goes to /dev/shm (RAM-backed tmpfs, never written to disk
 * unless the machine swaps) when it exists, else the OS temporary folder, in
 * a fresh 0700 directory as a 0600 file, and is removed as soon as `use` settles,
 * whether it succeeded or threw. The vault stays the only lasting copy.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const RAM_FOLDER = "/dev/shm";

let configuredRoot: string | undefined;

/** Where scratch copies go from now on (app/config.ts: VIGIL_SCRATCH_DIR); undefined: /dev/shm or the OS temp folder. */
export function setScratchRoot(dir: string | undefined): void {
  configuredRoot = dir;
}

function scratchRoot(): string {
  return configuredRoot ?? (existsSync(RAM_FOLDER) ? RAM_FOLDER : tmpdir());
}

export async function withScratchFile<T>(bytes: Uint8Array, use: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(scratchRoot(), "vigil-media-"));
  try {
    const path = join(dir, "media");
    await writeFile(path, bytes, { mode: 0o600, flag: "wx" });
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
