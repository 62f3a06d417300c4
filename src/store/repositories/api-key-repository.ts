/** API keys for machines: stored as SHA-256 of the key, shown once at creation. */
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { type ApiScope, apiKeys } from "../schema.js";

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export class ApiKeyExistsError extends Error {
  override readonly name = "ApiKeyExists";
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export class ApiKeyRepository {
  constructor(private readonly db: VigilDb) {}

  /** Creates a key; the returned `key` is the only time it exists in clear. */
  async create(name: string, scopes: ApiScope[]): Promise<{ key: string; row: ApiKeyRow }> {
    const key = `vgl_${randomBytes(32).toString("base64url")}`;
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
      .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)));
    return row ?? null;
  }

  async list(): Promise<ApiKeyRow[]> {
    return this.db.select().from(apiKeys).orderBy(asc(apiKeys.name));
  }

  async revoke(name: string): Promise<boolean> {
    const rows = await this.db
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.name, name), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    return rows.length > 0;
  }
}
