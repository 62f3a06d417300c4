/** Who may do what (API keys for machines, users with roles for people) and the audit log of what they did. */

import { sql } from "drizzle-orm";
import { bigserial, index, integer, jsonb, pgTable, serial, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, createdAt } from "./timestamps.js";

export const API_SCOPES = [
  "events:write",
  "reports:write",
  "media:write",
  "media:read",
  "cases:read",
  "cases:write",
  "banks:read",
  "banks:write",
  "actions:read",
  "expansions:read",
  "expansions:write",
  /** A partner reading the exchange feed (issue 19): sees only the banks shared with its key name. */
  "exchange:read",
  /** Configuring the exchange: which partner receives which bank, the sources pulled from, pulls on demand. */
  "exchange:write",
] as const;
export type ApiScope = (typeof API_SCOPES)[number];

import type { UserRole } from "../../domain/roles.js";

export { USER_ROLES, type UserRole } from "../../domain/roles.js";

export const apiKeys = pgTable(
  "api_keys",
  {
    id: serial("id").primaryKey(),
    /** One current key per name; a rotated predecessor keeps the name until it expires (migration 0014). */
    name: text("name").notNull(),
    /** The first characters of the key, to recognise it in lists; the key itself is never stored. */
    prefix: text("prefix").notNull(),
    /** SHA-256 of the whole key: keys are 256-bit random, so a fast hash is enough (no dictionary to guess from). */
    keyHash: text("key_hash").notNull().unique(),
    scopes: jsonb("scopes").$type<ApiScope[]>().notNull(),
    createdAt: createdAt(),
    revokedAt: at("revoked_at"),
    /** Set on a rotated key: it is refused from then on (the grace period's end). */
    expiresAt: at("expires_at"),
  },
  (t) => [
    uniqueIndex("api_keys_current_name").on(t.name).where(sql`revoked_at IS NULL AND expires_at IS NULL`),
    index("api_keys_name").on(t.name),
  ],
);

/** Console sign-in attempts in the window: reserved before the password is checked, then failed or gone. */
export const signInAttempts = pgTable("sign_in_attempts", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  account: text("account").notNull(),
  address: text("address").notNull(),
  at: at("at").notNull().defaultNow(),
  state: text("state").$type<"reserved" | "failed">().notNull().default("reserved"),
});

export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull().default(""),
  role: text("role").$type<UserRole>().notNull(),
  /** scrypt, `scrypt$<salt b64>$<hash b64>`; null until a password is set. */
  passwordHash: text("password_hash"),
  createdAt: createdAt(),
  disabledAt: at("disabled_at"),
});

/** Append-only: the migration installs a trigger that refuses UPDATE and DELETE. */
export const auditLog = pgTable("audit_log", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  at: at("at").notNull().defaultNow(),
  actor: text("actor").notNull(),
  action: text("action").notNull(),
  targetType: text("target_type").notNull(),
  targetId: text("target_id").notNull(),
  detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
});

/** A signed-in console user. The cookie holds a random token; only its SHA-256 is stored, like API keys. */
export const consoleSessions = pgTable("console_sessions", {
  tokenHash: text("token_hash").primaryKey(),
  userId: integer("user_id").notNull(),
  createdAt: createdAt(),
  expiresAt: at("expires_at").notNull(),
});
