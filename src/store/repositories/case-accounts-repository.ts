/**
 * The accounts a police hand-over names: the case's account itself, or every
 * account that was ever a member of the case's group (admins first), with the
 * phone number as stored, encrypted. Decrypting is the caller's decision, and
 * is audited there (report/handover/export-case.ts).
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { SubjectType } from "../../domain/subjects.js";
import type { VigilDb } from "../database.js";
import { accounts, groups, memberships } from "../schema.js";

export interface CaseAccount {
  accountId: string;
  name: string | null;
  relation: "subject" | "admin" | "member";
  joinedAt: Date | null;
  leftAt: Date | null;
  phoneEncrypted: string | null;
  phonePrefix: string | null;
}

export class CaseAccountsRepository {
  constructor(private readonly db: VigilDb) {}

  async ofSubject(platform: string, subjectType: SubjectType, subjectId: string): Promise<CaseAccount[]> {
    if (subjectType === "account") {
      const rows = await this.db
        .select()
        .from(accounts)
        .where(and(eq(accounts.platform, platform), eq(accounts.externalId, subjectId)));
      return rows.map((a) => ({
        accountId: a.externalId,
        name: a.name,
        relation: "subject",
        joinedAt: null,
        leftAt: null,
        phoneEncrypted: a.phoneEncrypted,
        phonePrefix: a.phonePrefix,
      }));
    }
    if (subjectType !== "group") return [];
    const rows = await this.db
      .select({
        accountId: accounts.externalId,
        name: accounts.name,
        role: memberships.role,
        joinedAt: memberships.joinedAt,
        leftAt: memberships.leftAt,
        phoneEncrypted: accounts.phoneEncrypted,
        phonePrefix: accounts.phonePrefix,
      })
      .from(memberships)
      .innerJoin(groups, eq(groups.id, memberships.groupId))
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(and(eq(groups.platform, platform), eq(groups.externalId, subjectId)))
      .orderBy(sql`${memberships.role} = 'admin' DESC`, asc(accounts.externalId));
    return rows.map(({ role, ...r }) => ({ ...r, relation: role === "admin" ? "admin" : "member" }));
  }
}
