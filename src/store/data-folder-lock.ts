/**
 * One process owns an embedded (PGlite) data folder at a time: PGlite has no
 * lock of its own, and two processes writing one folder lose each other's
 * writes. `vigil.lock` in the folder names the owner (pid, host, boot, process
 * start, role and, for a server, its admin channel), is created with O_EXCL,
 * and is removed on close. A lock whose owner is gone (same host: the pid is
 * dead, or is another process now, or the machine rebooted) is stale and is
 * taken over under a second O_EXCL file, so two newcomers cannot both take it.
 * An owner on another host cannot be checked from here: the message says how
 * to clear it by hand.
 */
import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";

export interface LockOwner {
  pid: number;
  host: string;
  /** When the owner took the folder (ISO 8601). */
  startedAt: string;
  /** What holds it: `serve`, or the CLI command (`bank import`, `keys revoke`, …). */
  role: string;
  /** Linux: the kernel's boot id and the process's start tick, so a reused pid is not taken for the owner. */
  bootId?: string;
  processStart?: string;
  /** A server's local admin channel (admin/admin-channel.ts): the socket path. */
  adminSocket?: string;
}

export class DataFolderBusyError extends Error {
  override readonly name = "DataFolderBusy";
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `the data folder ${dataDir} is in use by ${describeOwner(owner)}; one process at a time may open an embedded database` +
        (owner.host === hostname() ? "" : ` (if nothing runs there any more, delete ${lockPath(dataDir)})`),
    );
  }
}

export function describeOwner(owner: LockOwner): string {
  return `vigil ${owner.role} (pid ${owner.pid} on ${owner.host}, since ${owner.startedAt})`;
}

export interface DataFolderLock {
  readonly owner: LockOwner;
  /** Adds to the owner record (e.g. the admin socket once it listens); written atomically. */
  update(patch: Partial<LockOwner>): void;
  release(): void;
}

const LOCK_FILE = "vigil.lock";
/** A takeover file older than this was left by a process that died while taking over (it takes milliseconds). */
const TAKEOVER_STALE_MS = 10_000;
const ATTEMPTS = 50;

export function lockPath(dataDir: string): string {
  return join(dataDir, LOCK_FILE);
}

/** Takes the folder for this process, or throws DataFolderBusyError naming the live owner. */
export function lockDataFolder(dataDir: string, role: string): DataFolderLock {
  const path = lockPath(dataDir);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    role,
    ...processIdentity(process.pid),
  };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (createExclusive(path, owner)) return heldLock(path, owner);
    const current = readOwner(path);
    if (current && isAlive(current)) throw new DataFolderBusyError(dataDir, current);
    // Absent again (the owner just left), unreadable (a writer between create and write: wait
    // for it unless it is old), or stale: take it over, one newcomer at a time.
    if (current === null && !isOld(path)) {
      sleep(20);
      continue;
    }
    takeOver(path, current);
  }
  const current = readOwner(path);
  if (current) throw new DataFolderBusyError(dataDir, current);
  throw new Error(`could not lock the data folder ${dataDir}: ${path} keeps changing`);
}

/** The folder's live owner, or null when it is free (no lock, or a stale one). */
export function liveOwner(dataDir: string): LockOwner | null {
  const owner = readOwner(lockPath(dataDir));
  return owner && isAlive(owner) ? owner : null;
}

function heldLock(path: string, owner: LockOwner): DataFolderLock {
  let current = owner;
  let released = false;
  return {
    get owner() {
      return current;
    },
    update(patch) {
      current = { ...current, ...patch };
      const temp = `${path}.${process.pid}.tmp`;
      writeWhole(temp, current, "w");
      renameSync(temp, path);
    },
    release() {
      if (released) return;
      released = true;
      // Only our own lock: never remove one a later owner took over after us.
      const onDisk = readOwner(path);
      if (onDisk && onDisk.pid === current.pid && onDisk.startedAt === current.startedAt) unlinkQuiet(path);
    },
  };
}

function takeOver(path: string, stale: LockOwner | null): void {
  const guard = `${path}.takeover`;
  const guardOwner = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    role: "takeover",
  };
  if (!createExclusive(guard, guardOwner)) {
    const other = readOwner(guard);
    if ((other && !isAlive(other)) || isOld(guard)) unlinkQuiet(guard);
    else sleep(20);
    return;
  }
  try {
    // Still the same stale owner? Then it is ours to remove; anything else, start again.
    const now = readOwner(path);
    const same =
      now === null
        ? isOld(path)
        : stale !== null && now.pid === stale.pid && now.startedAt === stale.startedAt;
    if (same) unlinkQuiet(path);
  } finally {
    unlinkQuiet(guard);
  }
}

function createExclusive(path: string, owner: LockOwner): boolean {
  try {
    writeWhole(path, owner, "wx");
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

function writeWhole(path: string, owner: LockOwner, flag: "w" | "wx"): void {
  const fd = openSync(path, flag, 0o644);
  try {
    writeSync(fd, `${JSON.stringify(owner, null, 2)}\n`);
  } finally {
    closeSync(fd);
  }
}

function readOwner(path: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as Partial<LockOwner>;
    if (typeof parsed.pid !== "number" || typeof parsed.host !== "string") return null;
    return parsed as LockOwner;
  } catch {
    return null;
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  const here = processIdentity(owner.pid);
  if (owner.bootId && here.bootId && owner.bootId !== here.bootId) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  // The pid is in use: is it still the process that took the lock?
  return !(owner.processStart && here.processStart && owner.processStart !== here.processStart);
}

function processIdentity(pid: number): { bootId?: string; processStart?: string } {
  try {
    const bootId = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22 (starttime) counts from after the command name, which may itself hold spaces.
    const processStart = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    return { bootId, processStart };
  } catch {
    return {};
  }
}

function isOld(path: string): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > TAKEOVER_STALE_MS;
  } catch {
    return true;
  }
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
