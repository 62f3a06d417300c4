/** Reads about subjects the pipeline needs before deciding (the writes are in subject-writer.ts). */
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { accounts, groups, memberships } from "../schema.js";

export class SubjectRepository {
  constructor(private readonly db: VigilDb) {}

  /** Current admins (platform account ids) of these groups, by group id. */
  async groupAdmins(platform: string, groupIds: string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (groupIds.length === 0) return result;
    const rows = await this.db
      .select({ group: groups.externalId, account: accounts.externalId })
      .from(memberships)
      .innerJoin(groups, eq(groups.id, memberships.groupId))
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(
        and(
          eq(groups.platform, platform),
          inArray(groups.externalId, groupIds),
          eq(memberships.role, "admin"),
          isNull(memberships.leftAt),
        ),
      );
    for (const r of rows) result.set(r.group, [...(result.get(r.group) ?? []), r.account]);
    return result;
  }
}
