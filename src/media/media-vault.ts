/**
 * Media evidence on local disk, sealed per blob (see blob-cipher.ts). Layout:
 *
 *   <root>/<first two hex of ref>/<ref>.blob   sealed blobs, 256 shard folders
 *   <root>/tmp/                                 blobs being written
 *
 * Each blob is envelope-encrypted (its own data key, wrapped by the master key).
 * A blob is named by 128 random bits, not by its hash, so a directory listing says
 * nothing about what is stored. A write goes to tmp/, is flushed, renamed into its
 * shard and the shard folder is flushed, so after a crash a blob is either whole or
 * absent; tmp/ holds only ciphertext and is swept of stale leftovers on open.
 * Plaintext never touches the disk.
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, readdir, readFile, rename, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import { openBlob, rewrapBlob, sealBlob } from "./blob-cipher.js";
import type { MediaBlobStore, StoredBlob } from "./media-blob-store.js";
import { loadOrCreateMediaKey, type MediaKeyEnv, type MediaKeyring } from "./media-key.js";
import { MediaVaultError } from "./media-vault-error.js";

const REF_PATTERN = /^[0-9a-f]{32}$/;
/** Leftovers older than this in tmp/ belong to a crashed write, not to one in progress. */
const STALE_TEMPORARY_MS = 60 * 60 * 1000;

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

/** Makes a rename or unlink in `dir` durable. Some platforms cannot open folders; there it is a no-op. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch (error) {
    if (!["EISDIR", "EPERM", "EINVAL", "EBADF"].includes(errorCode(error) ?? "")) throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * The vault's one write to the disk, behind a seam so a full disk (ENOSPC) can
 * be shown without filling one (tests pass a writer that fails).
 */
export interface VaultFiles {
  /** Creates `path` (never overwriting), writes `bytes` and flushes them to the disk. */
  writeDurably(path: string, bytes: Uint8Array): Promise<void>;
}

export const NODE_VAULT_FILES: VaultFiles = {
  async writeDurably(path, bytes) {
    const handle = await open(path, "wx", 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

export class LocalMediaVault implements MediaBlobStore {
  private constructor(
    readonly root: string,
    private readonly keys: MediaKeyring,
    private readonly files: VaultFiles,
  ) {}

  /** Opens (creating if needed) a vault in `root`, sealing new blobs with `keys.current`. */
  static async open(
    root: string,
    keys: MediaKeyring,
    files: VaultFiles = NODE_VAULT_FILES,
  ): Promise<LocalMediaVault> {
    const vault = new LocalMediaVault(root, keys, files);
    await mkdir(vault.temporaryDir, { recursive: true, mode: 0o700 });
    await vault.sweepTemporaryFiles();
    return vault;
  }

  private get temporaryDir(): string {
    return join(this.root, "tmp");
  }

  private pathOf(ref: string): { dir: string; file: string } {
    if (!REF_PATTERN.test(ref)) {
      // Refs come back from the database and the API; never let one name a path outside the vault.
      throw new MediaVaultError(
        "InvalidBlobRef",
        `not a media blob ref: ${JSON.stringify(ref.slice(0, 80))}`,
      );
    }
    const dir = join(this.root, ref.slice(0, 2));
    return { dir, file: join(dir, `${ref}.blob`) };
  }

  async put(bytes: Uint8Array): Promise<StoredBlob> {
    const ref = randomBytes(16).toString("hex");
    await this.write(ref, sealBlob(bytes, ref, this.keys.current));
    return { ref, size: bytes.length };
  }

  /** Writes a sealed blob whole or not at all: temp file, fsync, rename, folder fsync. */
  private async write(ref: string, sealed: Buffer): Promise<void> {
    const { dir, file } = this.pathOf(ref);
    const temporary = join(this.temporaryDir, `${ref}.${randomBytes(4).toString("hex")}.tmp`);
    try {
      await this.files.writeDurably(temporary, sealed);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await rename(temporary, file);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    await syncDirectory(dir);
  }

  /** A small durable write where blobs are written, removed at once: can the vault write now? */
  async probeWrite(): Promise<void> {
    const probe = join(this.temporaryDir, `probe.${randomBytes(4).toString("hex")}.tmp`);
    try {
      await this.files.writeDurably(probe, randomBytes(512));
    } finally {
      await unlink(probe).catch(() => undefined);
    }
  }

  private async readSealed(ref: string): Promise<Buffer> {
    const { file } = this.pathOf(ref);
    try {
      return await readFile(file);
    } catch (error) {
      if (errorCode(error) === "ENOENT") throw new MediaVaultError("BlobNotFound", `no media blob ${ref}`);
      throw error;
    }
  }

  /**
   * After a master key rotation: re-wraps the blob's data key under the current
   * master key (the ciphertext stays as it is). False when it already was current.
   */
  async rewrap(ref: string): Promise<boolean> {
    const rewrapped = rewrapBlob(await this.readSealed(ref), ref, this.keys);
    if (!rewrapped) return false;
    await this.write(ref, rewrapped);
    return true;
  }

  async get(ref: string): Promise<Buffer> {
    return openBlob(await this.readSealed(ref), ref, this.keys);
  }

  async delete(ref: string): Promise<boolean> {
    const { file } = this.pathOf(ref);
    try {
      await unlink(file);
      return true;
    } catch (error) {
      if (errorCode(error) === "ENOENT") return false;
      throw error;
    }
  }

  /** Removes ciphertext left in tmp/ by writes that crashed before their rename. */
  async sweepTemporaryFiles(now = Date.now()): Promise<number> {
    let removed = 0;
    for (const name of await readdir(this.temporaryDir)) {
      const path = join(this.temporaryDir, name);
      const info = await stat(path).catch(() => undefined);
      if (info && now - info.mtimeMs > STALE_TEMPORARY_MS) {
        await unlink(path).catch(() => undefined);
        removed++;
      }
    }
    return removed;
  }
}

/** The embedded default: a vault in `<dataDir>/media`, keyed from the environment or `<dataDir>/media.key`. */
export async function openMediaVault(
  dataDir: string,
  env: MediaKeyEnv,
  files: VaultFiles = NODE_VAULT_FILES,
): Promise<LocalMediaVault> {
  return LocalMediaVault.open(join(dataDir, "media"), await loadOrCreateMediaKey(dataDir, env), files);
}
