/** Media rows: hashes always, the vault reference when the bytes were uploaded or fetched. */
import { inArray } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { media } from "../schema.js";

export type MediaRow = typeof media.$inferSelect;
export type NewMedia = typeof media.$inferInsert;

export class MediaRepository {
  constructor(private readonly db: VigilDb) {}

  async insert(row: NewMedia): Promise<MediaRow> {
    const [stored] = await this.db.insert(media).values(row).returning();
    return stored;
  }

  async get(id: string): Promise<MediaRow | null> {
    return (await this.getMany([id])).get(id) ?? null;
  }

  async getMany(ids: string[]): Promise<Map<string, MediaRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.select().from(media).where(inArray(media.id, ids));
    return new Map(rows.map((r) => [r.id, r]));
  }
}
