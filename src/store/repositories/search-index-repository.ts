/**
 * Rows written before migration 0019 have no folded names and no phone keys.
 * The service fills them at start, a chunk at a time (keyset by id), with the
 * same folding and keyed hash new rows get, so search finds old subjects too.
 */
import { sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";

type Raw = Record<string, unknown>;

export interface UnindexedAccount {
  id: number;
  name: string | null;
  phoneEncrypted: string | null;
}

export interface UnindexedGroup {
  id: number;
  name: string | null;
  description: string | null;
}

export class SearchIndexRepository {
  constructor(private readonly db: VigilDb) {}

  async accounts(afterId: number, limit: number): Promise<UnindexedAccount[]> {
    const result = (await this.db.execute(sql`SELECT id, name, phone_encrypted FROM accounts
      WHERE id > ${afterId} AND ((name IS NOT NULL AND search_name IS NULL)
        OR (phone_encrypted IS NOT NULL AND phone_key IS NULL))
      ORDER BY id LIMIT ${limit}`)) as unknown as { rows: Raw[] };
    return result.rows.map((r) => ({
      id: Number(r.id),
      name: (r.name as string | null) ?? null,
      phoneEncrypted: (r.phone_encrypted as string | null) ?? null,
    }));
  }

  async groups(afterId: number, limit: number): Promise<UnindexedGroup[]> {
    const result = (await this.db.execute(sql`SELECT id, name, description FROM groups
      WHERE id > ${afterId} AND ((name IS NOT NULL AND search_name IS NULL)
        OR (description IS NOT NULL AND search_description IS NULL))
      ORDER BY id LIMIT ${limit}`)) as unknown as { rows: Raw[] };
    return result.rows.map((r) => ({
      id: Number(r.id),
      name: (r.name as string | null) ?? null,
      description: (r.description as string | null) ?? null,
    }));
  }

  async setAccounts(
    rows: { id: number; searchName: string | null; phoneKey: string | null }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.db.execute(sql`UPDATE accounts a SET
        search_name = coalesce(a.search_name, u.search_name), phone_key = coalesce(a.phone_key, u.phone_key)
      FROM unnest(${sql.param(rows.map((r) => r.id))}::bigint[], ${sql.param(rows.map((r) => r.searchName))}::text[],
                  ${sql.param(rows.map((r) => r.phoneKey))}::text[]) AS u(id, search_name, phone_key)
      WHERE a.id = u.id`);
  }

  async setGroups(
    rows: { id: number; searchName: string | null; searchDescription: string | null }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.db.execute(sql`UPDATE groups g SET
        search_name = coalesce(g.search_name, u.search_name),
        search_description = coalesce(g.search_description, u.search_description)
      FROM unnest(${sql.param(rows.map((r) => r.id))}::bigint[], ${sql.param(rows.map((r) => r.searchName))}::text[],
                  ${sql.param(rows.map((r) => r.searchDescription))}::text[]) AS u(id, search_name, search_description)
      WHERE g.id = u.id`);
  }
}
