/**
 * Runs an admin command (keys, users, bank import) where its write cannot be
 * lost: on the store when this process can own it (PostgreSQL, or a free
 * embedded folder), else through the server that owns the folder, over its
 * local admin channel. A folder held by another CLI command is refused.
 */
import { remoteAdmin } from "../admin/admin-client.js";
import type { AdminOperations } from "../admin/admin-operations.js";
import { localAdmin, operatorActor } from "../admin/local-admin.js";
import { DataFolderBusyError, type LockOwner, liveOwner } from "../store/data-folder-lock.js";
import { busyAdvice, openStore, type StoreOptions, storeDatabaseUrl, storeDataDir } from "./open-store.js";

/** How long to wait for a starting server to open its admin channel (migrations, index load). */
const STARTING_SERVER_WAIT_MS = 30_000;

async function serverOwner(dataDir: string): Promise<LockOwner | null> {
  const end = Date.now() + STARTING_SERVER_WAIT_MS;
  for (;;) {
    const owner = liveOwner(dataDir);
    if (!owner || owner.adminSocket || owner.role !== "serve" || Date.now() > end) return owner;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function throughServer<T>(
  dataDir: string,
  owner: LockOwner,
  work: (ops: AdminOperations) => Promise<T>,
): Promise<T> {
  const { adminSocket } = owner;
  if (!adminSocket) {
    const busy = new DataFolderBusyError(dataDir, owner);
    throw new Error(`${busy.message}. Nothing was done: ${busyAdvice(busy)}.`);
  }
  return work(remoteAdmin(dataDir, { ...owner, adminSocket }));
}

export async function withAdmin<T>(
  options: StoreOptions,
  work: (ops: AdminOperations) => Promise<T>,
): Promise<T> {
  const dataDir = storeDataDir(options);
  if (!storeDatabaseUrl(options)) {
    const owner = await serverOwner(dataDir);
    if (owner) return throughServer(dataDir, owner, work);
  }
  let database: Awaited<ReturnType<typeof openStore>>;
  try {
    database = await openStore(options);
  } catch (error) {
    // A server took the folder between the look and the open: go through it.
    const owner = storeDatabaseUrl(options) ? null : await serverOwner(dataDir);
    if (owner) return throughServer(dataDir, owner, work);
    throw error;
  }
  try {
    return await work(localAdmin(database.db, { actor: operatorActor(), dataDir, keys: process.env }));
  } finally {
    await database.close();
  }
}
