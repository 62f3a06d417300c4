/**
 * The admin operations on a store this process owns (the CLI with its own
 * store, or the server answering its admin channel). Each write is written to
 * the audit log with the operator as actor; `onKeysChanged` and `onBankChanged`
 * let a server drop its key cache and refresh its index at once.
 */
import { userInfo } from "node:os";
import { type ImportReport, importBankFile, importRows } from "../banks/bank-files/import-bank-file.js";
import type { MediaKeyEnv } from "../media/media-key.js";
import type { VigilDb } from "../store/database.js";
import type { DataKeyEnv } from "../store/field-cipher.js";
import {
  ApiKeyExistsError,
  ApiKeyNotFoundError,
  ApiKeyRepository,
  type ApiKeyRow,
} from "../store/repositories/api-key-repository.js";
import { AuditRepository } from "../store/repositories/audit-repository.js";
import { BankImportRepository } from "../store/repositories/bank-import-repository.js";
import { BankNotFoundError, BankRepository } from "../store/repositories/bank-repository.js";
import { UserExistsError, UserRepository, type UserRow } from "../store/repositories/user-repository.js";
import { AdminError, type AdminOperations, type KeyView, type UserView } from "./admin-operations.js";
import { rekey } from "./rekey.js";
import { withSpooledUpload } from "./spooled-upload.js";

export interface LocalAdminHooks {
  /** Who is acting, for the audit log (`cli:<os user>`). */
  actor: string;
  /** The data folder: its key files and media vault, for rekey. */
  dataDir: string;
  /** The configured data and media keys (app/config.ts or the CLI's environment). */
  keys: DataKeyEnv & MediaKeyEnv;
  via?: string;
  onKeysChanged?(): void;
  onBankChanged?(): Promise<void>;
  close?(): Promise<void>;
}

/** The operator as the audit log names them: the local account (only it can reach a server's admin channel). */
export function operatorActor(): string {
  let name = "unknown";
  try {
    name = userInfo().username;
  } catch {}
  return `cli:${name}`;
}

export function keyView(row: ApiKeyRow, now = new Date()): KeyView {
  const expires = row.expiresAt;
  const status = row.revokedAt
    ? "revoked"
    : !expires
      ? "active"
      : expires.getTime() > now.getTime()
        ? "expiring"
        : "expired";
  return {
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    status,
    expires_at: expires ? expires.toISOString() : null,
  };
}

function userView(row: UserRow): UserView {
  return { email: row.email, role: row.role, name: row.name, status: row.disabledAt ? "disabled" : "active" };
}

/** Maps the store's named errors to refusals a caller (or the admin channel) can show. */
async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApiKeyExistsError || error instanceof UserExistsError)
      throw new AdminError("Conflict", error.message);
    if (error instanceof ApiKeyNotFoundError || error instanceof BankNotFoundError)
      throw new AdminError("NotFound", error.message);
    throw error;
  }
}

export function localAdmin(db: VigilDb, hooks: LocalAdminHooks): AdminOperations {
  const keys = new ApiKeyRepository(db);
  const users = new UserRepository(db);
  const banks = new BankRepository(db);
  const audit = new AuditRepository(db);
  const record = (action: string, targetType: string, targetId: string, detail?: Record<string, unknown>) =>
    audit.append({ actor: hooks.actor, action, targetType, targetId, detail });
  const recordImport = async (bank: string, file: string, report: ImportReport) => {
    await record("bank.import", "bank", bank, {
      file,
      rows: report.rows,
      inserted: report.inserted,
      duplicates: report.duplicates,
      rejected: report.rejected,
      skipped: report.skipped,
    });
    await hooks.onBankChanged?.();
  };
  return {
    via: hooks.via ?? "store",
    createKey: (name, scopes) =>
      refusing(async () => {
        const { key } = await keys.create(name, scopes);
        await record("api_key.create", "api_key", name, { scopes });
        return { key };
      }),
    rotateKey: (name, graceSeconds) =>
      refusing(async () => {
        const { key, oldExpiresAt } = await keys.rotate(name, graceSeconds);
        await record("api_key.rotate", "api_key", name, { grace_seconds: graceSeconds });
        hooks.onKeysChanged?.();
        return { key, old_key_expires_at: oldExpiresAt.toISOString() };
      }),
    revokeKey: (name) =>
      refusing(async () => {
        if (!(await keys.revoke(name))) throw new AdminError("NotFound", `no active key named "${name}"`);
        await record("api_key.revoke", "api_key", name);
        hooks.onKeysChanged?.();
      }),
    listKeys: async () => (await keys.list()).map((row) => keyView(row)),
    createUser: (user) =>
      refusing(async () => {
        const row = await users.create(user.email, user.role, user.name, user.password);
        await record("user.create", "user", row.email, { role: row.role });
        return userView(row);
      }),
    listUsers: async () => (await users.list()).map(userView),
    importBank: (upload) =>
      refusing(async () => {
        // The parsers read files (formats are detected from the first bytes, JSON sized first), so an
        // upload is spooled to a private temporary file under its own name (vPDQ entries keep it).
        const report = await withSpooledUpload(upload.fileName, upload.body, (path) =>
          importBankFile(new BankImportRepository(db), upload.bank, path, upload.options),
        );
        await recordImport(upload.bank, upload.fileName, report);
        return report;
      }),
    importRows: (bank, rows, addedBy, label) =>
      refusing(async () => {
        const report = await importRows(new BankImportRepository(db), bank, rows, addedBy);
        await recordImport(bank, label, report);
        return report;
      }),
    listBanks: async () =>
      (await banks.list()).map((b) => ({
        name: b.name,
        description: b.description,
        enabled: b.enabled,
        entries: b.entries,
      })),
    bankStats: (name) =>
      refusing(async () => {
        const stats = await banks.stats(name);
        return {
          name,
          enabled: stats.bank.enabled,
          bySignalType: stats.bySignalType,
          byProvenance: stats.byProvenance,
          ignored: stats.ignored,
        };
      }),
    rekey: async () => {
      const report = await rekey(db, hooks.dataDir, hooks.keys);
      await record("keys.rekey", "store", "keys", { ...report });
      return report;
    },
    close: async () => {
      await hooks.close?.();
    },
  };
}
