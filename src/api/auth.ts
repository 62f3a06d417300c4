/**
 * `Authorization: Bearer <key>`: the key is looked up by its SHA-256 and must
 * carry the route's scope. Lookups are cached for half a second so a busy
 * intake does not hit the database per request, yet a key revoked by any
 * process (the CLI, another API process on PostgreSQL) is refused by every
 * process within a second; a rotated key's cache entry never outlives its expiry.
 */
import type { ApiKeyRepository } from "../store/repositories/api-key-repository.js";
import type { ApiScope } from "../store/schema.js";
import { ApiError } from "./errors.js";
import type { Caller } from "./route.js";

const CACHE_MS = 500;

export class Authenticator {
  private readonly cache = new Map<string, { caller: Caller | null; until: number }>();

  constructor(private readonly keys: ApiKeyRepository) {}

  async authenticate(header: string | undefined, scope: ApiScope): Promise<Caller> {
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) throw new ApiError("Unauthorized", "send the API key as 'Authorization: Bearer <key>'");
    const caller = await this.lookup(match[1]);
    if (!caller) throw new ApiError("Unauthorized", "unknown or revoked API key");
    if (!caller.scopes.has(scope)) {
      throw new ApiError("MissingScope", `this API key lacks the scope ${scope}`, [{ scope }]).refusing(
        caller.actor,
      );
    }
    return caller;
  }

  private async lookup(key: string): Promise<Caller | null> {
    const now = Date.now();
    const cached = this.cache.get(key);
    if (cached && cached.until > now) return cached.caller;
    const row = await this.keys.findActiveByKey(key);
    const caller = row ? { actor: `key:${row.name}`, scopes: new Set(row.scopes) } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    const expires = row?.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
    this.cache.set(key, { caller, until: Math.min(now + CACHE_MS, expires) });
    return caller;
  }
}
