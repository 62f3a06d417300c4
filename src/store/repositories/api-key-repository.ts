/**
 * API keys for machines: stored as SHA-256 of the key, shown once at creation.
 * A name has one current key; rotating it issues a successor and gives the old
 * key an expiry (the grace period), so clients switch without downtime.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { type ApiScope, apiKeys } from "../schema.js";

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export class ApiKeyExistsError extends Error {
  override readonly name = "ApiKeyExists";
}

export class ApiKeyNotFoundError extends Error {
  override readonly name = "ApiKeyNotFound";
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

function newKey(): string {
  return `vgl_${randomBytes(32).toString("base64url")}`;
}

/** Neither revoked nor past its expiry, on the database's clock. */
const usable = and(
  isNull(apiKeys.revokedAt),
  or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, sql`now()`)),
);

export class ApiKeyRepository {
  constructor(private readonly db: VigilDb) {}

  /** Creates a key; the returned `key` is the only time it exists in clear. */
  async create(name: string, scopes: ApiScope[]): Promise<{ key: string; row: ApiKeyRow }> {
    const key = newKey();
    const [row] = await this.db
      .insert(apiKeys)
      .values({ name, scopes, prefix: key.slice(0, 10), keyHash: hashApiKey(key) })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new ApiKeyExistsError(`an API key named "${name}" already exists`);
    return { key, row };
  }

  async findActiveByKey(key: string): Promise<ApiKeyRow | null> {
    const [row] = await this.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, hashApiKey(key)), usable));
    return row ?? null;
  }

  async list(): Promise<ApiKeyRow[]> {
    return this.db.select().from(apiKeys).orderBy(asc(apiKeys.name), asc(apiKeys.id));
  }

  /** Revokes every key of the name, a rotated predecessor in its grace period included. */
  async revoke(name: string): Promise<boolean> {
    const rows = await this.db
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiKeys.name, name), usable))
      .returning({ id: apiKeys.id });
    return rows.length > 0;
  }

  /**
   * Issues a successor with the same scopes and lets the current key work for
   * `graceSeconds` more (0: refused at once). One transaction, so a name never
   * has two current keys nor none.
   */
  async rotate(
    name: string,
    graceSeconds: number,
  ): Promise<{ key: string; row: ApiKeyRow; oldExpiresAt: Date }> {
    return this.db.transaction(async (tx) => {
      const [old] = await tx
        .update(apiKeys)
        .set({ expiresAt: sql`now() + make_interval(secs => ${graceSeconds})` })
        .where(and(eq(apiKeys.name, name), isNull(apiKeys.revokedAt), isNull(apiKeys.expiresAt)))
        .returning();
      if (!old?.expiresAt) throw new ApiKeyNotFoundError(`no current API key named "${name}"`);
      const key = newKey();
      const [row] = await tx
        .insert(apiKeys)
        .values({ name, scopes: old.scopes, prefix: key.slice(0, 10), keyHash: hashApiKey(key) })
        .returning();
      return { key, row, oldExpiresAt: old.expiresAt };
    });
  }
}
