/**
 * Everything the case page shows about a subject: a group's past names,
 * descriptions and photos, admins, member count and invite links; an
 * account's name, photo and groups; and the signals, reports and other cases
 * about it. Reads only; each list is capped so one busy subject stays fast.
 */
import { and, count, desc, eq, isNotNull, isNull } from "drizzle-orm";
import type { EventNote } from "../../domain/events.js";
import type { SubjectType } from "../../domain/subjects.js";
import type { VigilDb } from "../database.js";
import {
  accounts,
  cases,
  events,
  groupRevisions,
  groups,
  inviteLinks,
  memberships,
  reports,
  signals,
} from "../schema.js";

const LIMIT = 100;

export type GroupRow = typeof groups.$inferSelect;
export type GroupRevisionRow = typeof groupRevisions.$inferSelect;
export type InviteLinkRow = typeof inviteLinks.$inferSelect;
export type AccountRow = typeof accounts.$inferSelect;
export type SignalRow = typeof signals.$inferSelect;
export type ReportRow = typeof reports.$inferSelect;
export type CaseRow = typeof cases.$inferSelect;

export interface GroupHistory {
  group: GroupRow;
  revisions: GroupRevisionRow[];
  admins: { id: string; name: string | null }[];
  memberCount: number;
  inviteLinks: InviteLinkRow[];
}

export interface AccountHistory {
  account: AccountRow;
  groups: { id: string; name: string | null; role: string; joinedAt: Date | null; leftAt: Date | null }[];
}

export class SubjectHistoryRepository {
  constructor(private readonly db: VigilDb) {}

  async group(platform: string, externalId: string): Promise<GroupHistory | null> {
    const [group] = await this.db
      .select()
      .from(groups)
      .where(and(eq(groups.platform, platform), eq(groups.externalId, externalId)));
    if (!group) return null;
    const revisions = await this.db
      .select()
      .from(groupRevisions)
      .where(eq(groupRevisions.groupId, group.id))
      .orderBy(desc(groupRevisions.observedAt), desc(groupRevisions.id))
      .limit(LIMIT);
    const active = and(eq(memberships.groupId, group.id), isNull(memberships.leftAt));
    const admins = await this.db
      .select({ id: accounts.externalId, name: accounts.name })
      .from(memberships)
      .innerJoin(accounts, eq(accounts.id, memberships.accountId))
      .where(and(active, eq(memberships.role, "admin")))
      .limit(LIMIT);
    const [members] = await this.db.select({ n: count() }).from(memberships).where(active);
    const links = await this.db
      .select()
      .from(inviteLinks)
      .where(eq(inviteLinks.groupId, group.id))
      .orderBy(desc(inviteLinks.lastSeenAt))
      .limit(LIMIT);
    return { group, revisions, admins, memberCount: Number(members?.n ?? 0), inviteLinks: links };
  }

  async account(platform: string, externalId: string): Promise<AccountHistory | null> {
    const [account] = await this.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.platform, platform), eq(accounts.externalId, externalId)));
    if (!account) return null;
    const joined = await this.db
      .select({
        id: groups.externalId,
        name: groups.name,
        role: memberships.role,
        joinedAt: memberships.joinedAt,
        leftAt: memberships.leftAt,
      })
      .from(memberships)
      .innerJoin(groups, eq(groups.id, memberships.groupId))
      .where(eq(memberships.accountId, account.id))
      .limit(LIMIT);
    return { account, groups: joined };
  }

  async signals(type: SubjectType, id: string): Promise<SignalRow[]> {
    return this.db
      .select()
      .from(signals)
      .where(and(eq(signals.subjectType, type), eq(signals.subjectId, id)))
      .orderBy(desc(signals.id))
      .limit(LIMIT);
  }

  async reports(platform: string, type: SubjectType, id: string): Promise<ReportRow[]> {
    return this.db
      .select()
      .from(reports)
      .where(and(eq(reports.platform, platform), eq(reports.subjectType, type), eq(reports.subjectId, id)))
      .orderBy(desc(reports.id))
      .limit(LIMIT);
  }

  /** What processing could not check for the subject's events (refused photo URLs), newest first. */
  async eventNotes(
    platform: string,
    type: SubjectType,
    id: string,
  ): Promise<{ eventId: string; receivedAt: Date; notes: EventNote[] }[]> {
    const rows = await this.db
      .select({ eventId: events.clientId, receivedAt: events.receivedAt, notes: events.notes })
      .from(events)
      .where(
        and(
          eq(events.platform, platform),
          eq(events.subjectType, type),
          eq(events.subjectId, id),
          isNotNull(events.notes),
        ),
      )
      .orderBy(desc(events.seq))
      .limit(LIMIT);
    return rows.map((r) => ({ ...r, notes: r.notes ?? [] }));
  }

  /** Every case about the subject, in any queue, newest first (the case itself included). */
  async cases(platform: string, type: SubjectType, id: string): Promise<CaseRow[]> {
    return this.db
      .select()
      .from(cases)
      .where(and(eq(cases.platform, platform), eq(cases.subjectType, type), eq(cases.subjectId, id)))
      .orderBy(desc(cases.id))
      .limit(LIMIT);
  }
}
