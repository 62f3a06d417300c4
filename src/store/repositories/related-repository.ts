/**
 * Cases related to a case (issue 16): the same subject, groups sharing
 * admins or members, the admins' and members' own cases, accounts with the
 * same phone number (by keyed hash), the same photo hashes, the group's
 * invite links (and the crawler's `invite:<code>` group), the same expansion
 * ring, the same hotline call. One query per relation, each capped; the
 * service merges them per case. Phone numbers never leave this module: a
 * shared number is named by the account that has it.
 */
import { type SQL, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import type { CaseRow } from "./case-repository.js";

export interface Relation {
  caseId: number;
  kind:
    | "same_subject"
    | "shared_admins"
    | "shared_members"
    | "same_media"
    | "same_phone"
    | "same_invite_link"
    | "same_ring"
    | "same_hotline_call";
  shared: string;
}

type Raw = Record<string, unknown>;
const CAP = 50;
/** Groups sharing at least this many members are related (fewer is coincidence in big groups). */
const MIN_SHARED_MEMBERS = 3;

export class RelatedRepository {
  constructor(private readonly db: VigilDb) {}

  private async run(kind: Relation["kind"], query: SQL): Promise<Relation[]> {
    const result = (await this.db.execute(sql`${query} LIMIT ${CAP}`)) as unknown as { rows: Raw[] };
    return result.rows.map((r) => ({ caseId: Number(r.case_id), kind, shared: String(r.shared) }));
  }

  async forCase(c: CaseRow): Promise<Relation[]> {
    const p = c.platform;
    const id = c.subjectId;
    const caseOn = (type: SQL, subjectId: SQL) =>
      sql`JOIN cases k ON k.platform = ${p} AND k.subject_type = ${type} AND k.subject_id = ${subjectId} AND k.id <> ${c.id}`;
    const queries: Promise<Relation[]>[] = [
      this.run(
        "same_subject",
        sql`SELECT k.id AS case_id, k.queue AS shared FROM cases k
            WHERE k.platform = ${p} AND k.subject_type = ${c.subjectType} AND k.subject_id = ${id} AND k.id <> ${c.id}`,
      ),
      this.run(
        "same_hotline_call",
        sql`SELECT DISTINCT k.id AS case_id, h.reference AS shared
            FROM hotline_intake_reports mine
            JOIN hotline_intake_reports other ON other.intake_id = mine.intake_id
            JOIN hotline_intakes h ON h.id = mine.intake_id
            ${caseOn(sql`other.subject_type`, sql`other.subject_id`)}
            WHERE mine.platform = ${p} AND mine.subject_type = ${c.subjectType} AND mine.subject_id = ${id}`,
      ),
    ];
    if (c.subjectType === "group") queries.push(...this.groupRelations(c, caseOn));
    if (c.subjectType === "account") queries.push(...this.accountRelations(c, caseOn));
    if (c.subjectType === "invite_link") {
      queries.push(
        this.run(
          "same_invite_link",
          sql`SELECT k.id AS case_id, l.code AS shared FROM invite_links l JOIN groups g ON g.id = l.group_id
              ${caseOn(sql`'group'`, sql`g.external_id`)} WHERE l.platform = ${p} AND l.code = ${id}
              UNION SELECT k.id, ${id} FROM cases k WHERE k.platform = ${p} AND k.subject_type = 'group'
                AND k.subject_id = ${`invite:${id}`}`,
        ),
      );
    }
    return (await Promise.all(queries)).flat();
  }

  private groupRelations(c: CaseRow, caseOn: (type: SQL, id: SQL) => SQL): Promise<Relation[]>[] {
    const p = c.platform;
    const me = sql`(SELECT id FROM groups WHERE platform = ${p} AND external_id = ${c.subjectId})`;
    return [
      this.run(
        "shared_admins",
        sql`SELECT k.id AS case_id, a.external_id AS shared
            FROM memberships mine JOIN memberships other ON other.account_id = mine.account_id
              AND other.group_id <> mine.group_id AND other.role = 'admin'
            JOIN groups g ON g.id = other.group_id JOIN accounts a ON a.id = mine.account_id
            ${caseOn(sql`'group'`, sql`g.external_id`)}
            WHERE mine.group_id = ${me} AND mine.role = 'admin'
          UNION
          SELECT k.id, a.external_id FROM memberships mine JOIN accounts a ON a.id = mine.account_id
            ${caseOn(sql`'account'`, sql`a.external_id`)} WHERE mine.group_id = ${me} AND mine.role = 'admin'`,
      ),
      this.run(
        "shared_members",
        sql`SELECT k.id AS case_id, count(*)::text || ' members' AS shared
            FROM memberships mine JOIN memberships other ON other.account_id = mine.account_id
              AND other.group_id <> mine.group_id
            JOIN groups g ON g.id = other.group_id
            ${caseOn(sql`'group'`, sql`g.external_id`)}
            WHERE mine.group_id = ${me} GROUP BY k.id HAVING count(*) >= ${MIN_SHARED_MEMBERS}`,
      ),
      this.run(
        "same_invite_link",
        sql`SELECT k.id AS case_id, l.code AS shared FROM invite_links l
            ${caseOn(sql`'invite_link'`, sql`l.code`)} WHERE l.group_id = ${me}
          UNION SELECT k.id, l.code FROM invite_links l
            ${caseOn(sql`'group'`, sql`'invite:' || l.code`)} WHERE l.group_id = ${me}`,
      ),
      this.run(
        "same_media",
        sql`SELECT k.id AS case_id, coalesce(g.photo->>'md5', g.photo->>'pdq') AS shared
            FROM groups mine JOIN groups g ON g.id <> mine.id AND g.platform = mine.platform AND (
              (mine.photo->>'md5' IS NOT NULL AND g.photo->>'md5' = mine.photo->>'md5')
              OR (mine.photo->>'sha256' IS NOT NULL AND g.photo->>'sha256' = mine.photo->>'sha256'))
            ${caseOn(sql`'group'`, sql`g.external_id`)} WHERE mine.id = ${me}`,
      ),
      this.ring(c),
    ];
  }

  private accountRelations(c: CaseRow, caseOn: (type: SQL, id: SQL) => SQL): Promise<Relation[]>[] {
    const p = c.platform;
    const me = sql`(SELECT id FROM accounts WHERE platform = ${p} AND external_id = ${c.subjectId})`;
    return [
      this.run(
        "same_phone",
        sql`SELECT k.id AS case_id, a.external_id AS shared FROM accounts mine
            JOIN accounts a ON a.phone_key = mine.phone_key AND a.id <> mine.id
            JOIN cases k ON k.platform = a.platform AND k.subject_type = 'account' AND k.subject_id = a.external_id
            WHERE mine.id = ${me} AND mine.phone_key IS NOT NULL`,
      ),
      this.run(
        "shared_members",
        sql`SELECT k.id AS case_id, g.external_id AS shared FROM memberships m JOIN groups g ON g.id = m.group_id
            ${caseOn(sql`'group'`, sql`g.external_id`)} WHERE m.account_id = ${me}`,
      ),
      this.run(
        "same_media",
        sql`SELECT k.id AS case_id, coalesce(a.photo_sha256, a.photo_pdq) AS shared FROM accounts mine
            JOIN accounts a ON a.id <> mine.id AND a.platform = mine.platform AND (
              a.photo_sha256 = mine.photo_sha256 OR a.photo_pdq = mine.photo_pdq)
            ${caseOn(sql`'account'`, sql`a.external_id`)} WHERE mine.id = ${me}`,
      ),
      this.ring(c),
    ];
  }

  /** Other subjects in a finished expansion that has this subject as its seed or a candidate. */
  private ring(c: CaseRow): Promise<Relation[]> {
    const p = c.platform;
    return this.run(
      "same_ring",
      sql`SELECT DISTINCT k.id AS case_id, e.public_id AS shared
          FROM expansions e
          JOIN expansion_candidates other ON other.expansion_id = e.id
          JOIN cases k ON k.platform = e.platform AND k.subject_type = other.subject_kind
            AND k.subject_id = other.platform_id AND k.id <> ${c.id}
          WHERE e.platform = ${p} AND (
            (e.seed_kind = ${c.subjectType} AND e.seed_id = ${c.subjectId})
            OR EXISTS (SELECT 1 FROM expansion_candidates mine WHERE mine.expansion_id = e.id
                       AND mine.subject_kind = ${c.subjectType} AND mine.platform_id = ${c.subjectId}))`,
    );
  }
}
