/**
 * What an operator does to a Vigil store from the command line: API keys,
 * console users, bank imports. One interface with two implementations: on the
 * store directly (local-admin.ts, when the command owns the store) and through
 * a running server's local admin channel (admin-client.ts, when `vigil serve`
 * owns an embedded data folder), so a write is never made behind a server's back.
 */
import type { Readable } from "node:stream";
import type { ImportReport } from "../banks/bank-files/import-bank-file.js";
import type { ParsedRow, ParseOptions } from "../banks/bank-files/parse-bank-file.js";
import type { ApiScope, UserRole } from "../store/schema.js";
import type { RekeyReport } from "./rekey.js";

export interface KeyView {
  name: string;
  prefix: string;
  scopes: ApiScope[];
  /** active; expiring (rotated, works until expires_at); expired; revoked. */
  status: "active" | "expiring" | "expired" | "revoked";
  expires_at: string | null;
}

export interface UserView {
  email: string;
  role: UserRole;
  name: string;
  status: "active" | "disabled";
}

export interface BankView {
  name: string;
  description: string;
  enabled: boolean;
  entries: number;
}

export interface NewUser {
  email: string;
  role: UserRole;
  name: string;
  password?: string;
}

export interface BankUpload {
  bank: string;
  /** The file's name (vPDQ entries keep it as metadata). */
  fileName: string;
  options: ParseOptions;
  body: Readable;
}

export interface AdminOperations {
  /** How the operations reach the store, for messages: `store` or `server (pid …)`. */
  readonly via: string;
  createKey(name: string, scopes: ApiScope[]): Promise<{ key: string }>;
  /** A successor key; the current one keeps working for graceSeconds. */
  rotateKey(name: string, graceSeconds: number): Promise<{ key: string; old_key_expires_at: string }>;
  revokeKey(name: string): Promise<void>;
  listKeys(): Promise<KeyView[]>;
  createUser(user: NewUser): Promise<UserView>;
  listUsers(): Promise<UserView[]>;
  importBank(upload: BankUpload): Promise<ImportReport>;
  /** Rows already read elsewhere (an HMA instance), imported all or nothing; `label` names their origin. */
  importRows(
    bank: string,
    rows: AsyncIterable<ParsedRow>,
    addedBy: string,
    label: string,
  ): Promise<ImportReport>;
  listBanks(): Promise<BankView[]>;
  bankStats(name: string): Promise<Record<string, unknown>>;
  /** After a media or data key rotation: re-seal everything under the current keys (admin/rekey.ts). */
  rekey(): Promise<RekeyReport>;
  close(): Promise<void>;
}

/** A refusal the caller can act on (unknown name, already exists, bad input); `code` names it. */
export class AdminError extends Error {
  constructor(
    readonly code: "NotFound" | "Conflict" | "InvalidRequest",
    message: string,
  ) {
    super(message);
    this.name = "AdminError";
  }
}
