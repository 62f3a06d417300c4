/**
 * The server's local admin channel (admin/admin-channel.ts), for an embedded
 * data folder only: the folder's lock then names the socket, and `vigil keys`,
 * `users` and `bank` write through this process instead of opening the folder
 * behind its back. PostgreSQL admits many processes, so there the CLI writes
 * to the database itself.
 */
import type { Logger } from "pino";
import { type AdminChannel, startAdminChannel } from "../admin/admin-channel.js";
import { localAdmin, operatorActor } from "../admin/local-admin.js";
import type { MediaKeyEnv } from "../media/media-key.js";
import type { LiveBankMatcher } from "../pipeline/live-bank-matcher.js";
import type { Database } from "../store/database.js";
import type { DataKeyEnv } from "../store/field-cipher.js";

export async function startServerAdmin(
  database: Database,
  dataDir: string,
  keys: DataKeyEnv & MediaKeyEnv,
  matcher: LiveBankMatcher,
  log: Logger,
): Promise<AdminChannel | null> {
  const lock = database.lock;
  if (!lock) return null;
  const operations = localAdmin(database.db, {
    actor: operatorActor(),
    dataDir,
    keys,
    via: "server",
    // Imported entries match from the answer on, as with POST /v1/banks/{name}/entries.
    onBankChanged: async () => {
      await matcher.refresh();
    },
  });
  const channel = await startAdminChannel(dataDir, operations, log);
  lock.update({ adminSocket: channel.socketPath });
  return channel;
}
