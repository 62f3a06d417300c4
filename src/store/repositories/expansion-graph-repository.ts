/**
 * The graph queries behind network expansion (issue 10): set-based, a fixed
 * number of round trips per expansion whatever the network's size, each
 * answered from indexes that migration 0006 adds. First the groups around the
 * seed (shared admins, shared members, invite links posted either way), then
 * the facts about every member of the seed and of the linked groups.
 */
import { sql } from "drizzle-orm";
import type { AccountFacts, GroupFacts } from "../../domain/expansion-evidence.js";
import type { VigilDb } from "../database.js";

export interface SeedGroups {
  /** Vigil row ids of the seed group(s): the group itself, or the groups a seed account is in. */
  groupIds: number[];
  /** A seed account's own row id, left out of the candidates. */
  excludeAccountIds: number[];
  seedMembers: number;
}

export interface GroupNode extends GroupFacts {
  id: number;
}

type Rows<T> = { rows: T[] };
const ids = (list: number[]) => sql`${sql.param(list)}::bigint[]`;

export class ExpansionGraphRepository {
  constructor(private readonly db: VigilDb) {}

  async groupId(platform: string, externalId: string): Promise<number | null> {
    const r = (await this.db.execute(
      sql`SELECT id FROM groups WHERE platform = ${platform} AND external_id = ${externalId}`,
    )) as unknown as Rows<{ id: string | number }>;
    return r.rows[0] ? Number(r.rows[0].id) : null;
  }

  /** The groups a seed account is in (admin first), or null when the account is unknown. */
  async accountSeed(platform: string, externalId: string): Promise<SeedGroups | null> {
    const r = (await this.db.execute(sql`
      SELECT a.id, array_remove(array_agg(m.group_id), NULL) AS groups
      FROM accounts a LEFT JOIN memberships m ON m.account_id = a.id
      WHERE a.platform = ${platform} AND a.external_id = ${externalId}
      GROUP BY a.id`)) as unknown as Rows<{ id: string | number; groups: (string | number)[] }>;
    const row = r.rows[0];
    if (!row) return null;
    const groupIds = row.groups.map(Number);
    return { groupIds, excludeAccountIds: [Number(row.id)], seedMembers: await this.countMembers(groupIds) };
  }

  async countMembers(groupIds: number[]): Promise<number> {
    const r = (await this.db.execute(
      sql`SELECT count(DISTINCT account_id) AS n FROM memberships WHERE group_id = ANY(${ids(groupIds)})`,
    )) as unknown as Rows<{ n: string | number }>;
    return Number(r.rows[0]?.n ?? 0);
  }

  async seedGroupNodes(groupIds: number[]): Promise<GroupNode[]> {
    const r = (await this.db.execute(sql`
      SELECT g.id, g.external_id, g.confirmed_at IS NOT NULL AS confirmed, g.flagged_at IS NOT NULL AS flagged,
        (SELECT count(*) FROM memberships m WHERE m.group_id = g.id) AS size
      FROM groups g WHERE g.id = ANY(${ids(groupIds)})`)) as unknown as Rows<RawGroup>;
    return r.rows.map((row) => groupNode(row, 0));
  }

  /** Groups touching the seed: sharing an admin, at least `minShared` members, or an invite link either way. */
  async linkedGroups(seed: SeedGroups, minShared: number): Promise<GroupNode[]> {
    const seedIds = ids(seed.groupIds);
    const r = (await this.db.execute(sql`
      WITH seed_members AS (
        SELECT account_id, bool_or(role = 'admin') AS admin FROM memberships
        WHERE group_id = ANY(${seedIds}) GROUP BY account_id),
      shared AS (
        SELECT m.group_id, count(*) AS members, count(*) FILTER (WHERE m.role = 'admin' AND s.admin) AS admins
        FROM memberships m JOIN seed_members s ON s.account_id = m.account_id
        WHERE m.group_id <> ALL(${seedIds})
        GROUP BY m.group_id),
      link_in_seed AS (
        SELECT DISTINCT l.group_id FROM invite_link_postings p JOIN invite_links l ON l.id = p.link_id
        WHERE p.posted_in_group_id = ANY(${seedIds}) AND l.group_id IS NOT NULL AND l.group_id <> ALL(${seedIds})),
      seed_link_here AS (
        SELECT DISTINCT p.posted_in_group_id AS group_id FROM invite_links l
        JOIN invite_link_postings p ON p.link_id = l.id
        WHERE l.group_id = ANY(${seedIds}) AND p.posted_in_group_id IS NOT NULL
          AND p.posted_in_group_id <> ALL(${seedIds})),
      touched AS (
        SELECT group_id FROM shared WHERE admins > 0 OR members >= ${minShared}
        UNION SELECT group_id FROM link_in_seed UNION SELECT group_id FROM seed_link_here)
      SELECT t.group_id, coalesce(s.members, 0) AS shared_members, coalesce(s.admins, 0) AS shared_admins,
        EXISTS (SELECT 1 FROM link_in_seed x WHERE x.group_id = t.group_id) AS link_in_seed,
        EXISTS (SELECT 1 FROM seed_link_here x WHERE x.group_id = t.group_id) AS seed_link_here
      FROM touched t LEFT JOIN shared s ON s.group_id = t.group_id`)) as unknown as Rows<
      Omit<RawGroup, "id" | "external_id" | "confirmed" | "flagged" | "size"> & { group_id: string | number }
    >;
    // The group rows by primary key in a second trip: joined in the query above, the planner
    // misjudges the CTE's size and scans every group.
    const byId = new Map(
      (await this.seedGroupNodes(r.rows.map((x) => Number(x.group_id)))).map((n) => [n.id, n]),
    );
    return r.rows.flatMap((row) => {
      const node = byId.get(Number(row.group_id));
      return node
        ? [
            groupNode(
              {
                id: node.id,
                external_id: node.platformId,
                confirmed: node.confirmed,
                flagged: node.flagged,
                size: node.size,
                ...row,
              },
              seed.seedMembers,
            ),
          ]
        : [];
    });
  }

  /**
   * Facts about every member of the seed and linked groups. Flagged-group
   * counts look at all of a candidate's groups; photo, device and prefix
   * evidence compare with banned accounts only (few), joined by hash.
   */
  async accountFacts(
    platform: string,
    seed: SeedGroups,
    linked: number[],
    confirmed: number[],
    banWindowHours: number,
  ): Promise<AccountFacts[]> {
    const seedIds = ids(seed.groupIds);
    const area = ids([...seed.groupIds, ...linked]);
    const window = sql`make_interval(hours => ${banWindowHours})`;
    const r = (await this.db.execute(sql`
      WITH posted_links AS (
        SELECT DISTINCT link_id FROM invite_link_postings
        WHERE posted_in_group_id = ANY(${seedIds}) OR posted_in_group_id = ANY(${ids(confirmed)})),
      ring_admins AS (
        SELECT DISTINCT account_id FROM memberships
        WHERE role = 'admin' AND (group_id = ANY(${seedIds}) OR group_id = ANY(${ids(confirmed)}))),
      cand AS (
        SELECT m.account_id,
          bool_or(m.group_id = ANY(${seedIds})) AS in_seed,
          count(*) FILTER (WHERE m.group_id <> ALL(${seedIds})) AS linked,
          count(*) FILTER (WHERE m.role = 'admin' AND m.group_id = ANY(${ids(confirmed)})) AS admin_confirmed,
          count(*) FILTER (WHERE m.role = 'admin' AND m.group_id <> ALL(${ids(confirmed)})) AS admin_other,
          bool_or(m.invite_link_id IN (SELECT link_id FROM posted_links)) AS via_link,
          bool_or(m.inviter_account_id IN (SELECT account_id FROM ring_admins)) AS invited,
          max(m.joined_at) AS last_join
        FROM memberships m
        WHERE m.group_id = ANY(${area}) AND m.account_id <> ALL(${ids(seed.excludeAccountIds)})
        GROUP BY m.account_id),
      marks AS (
        SELECT m.account_id, count(*) AS marked, min(g.confirmed_at) AS first_confirmed
        FROM cand c JOIN memberships m ON m.account_id = c.account_id
        JOIN groups g ON g.id = m.group_id
        WHERE g.confirmed_at IS NOT NULL OR g.flagged_at IS NOT NULL
        GROUP BY m.account_id),
      banned AS MATERIALIZED (
        SELECT id, external_id, photo_sha256, photo_pdq, device_id, phone_prefix, banned_at
        FROM accounts WHERE banned_at IS NOT NULL AND platform = ${platform}),
      ca AS MATERIALIZED (
        SELECT a.id, a.external_id, a.photo_sha256, a.photo_pdq, a.device_id, a.phone_prefix, a.platform_created_at
        FROM cand c JOIN accounts a ON a.id = c.account_id),
      -- Equalities only (no OR), so each is a hash join or an index probe, not a nested loop.
      photo_banned AS (
        SELECT id, min(other) AS other FROM (
          SELECT ca.id, b.external_id AS other FROM ca JOIN banned b ON b.photo_sha256 = ca.photo_sha256 AND b.id <> ca.id
          UNION ALL
          SELECT ca.id, b.external_id FROM ca JOIN banned b ON b.photo_pdq = ca.photo_pdq AND b.id <> ca.id) x
        GROUP BY id),
      photo_bank AS (
        SELECT id, min(bank) AS bank FROM (
          SELECT ca.id, e.bank_id FROM ca JOIN bank_entries e ON e.signal_type = 'sha256' AND e.value = ca.photo_sha256 AND NOT e.ignored
          UNION ALL
          SELECT ca.id, e.bank_id FROM ca JOIN bank_entries e ON e.signal_type = 'pdq' AND e.value = ca.photo_pdq AND NOT e.ignored) x
        JOIN LATERAL (SELECT k.name AS bank FROM banks k WHERE k.id = x.bank_id AND k.enabled) k ON true
        GROUP BY id),
      device AS (
        SELECT ca.id, min(b.external_id) AS other FROM ca JOIN banned b
          ON b.device_id = ca.device_id AND b.id <> ca.id
          AND ca.platform_created_at >= b.banned_at AND ca.platform_created_at < b.banned_at + ${window}
        GROUP BY ca.id),
      prefix AS (
        SELECT ca.id, min(b.external_id) AS other FROM ca JOIN banned b
          ON b.phone_prefix = ca.phone_prefix AND b.id <> ca.id
          AND ca.platform_created_at >= b.banned_at AND ca.platform_created_at < b.banned_at + ${window}
        GROUP BY ca.id)
      SELECT ca.external_id, c.in_seed, c.linked, c.admin_confirmed, c.admin_other, coalesce(c.via_link, false) AS via_link,
        coalesce(c.invited, false) AS invited,
        coalesce(k.marked, 0) AS marked, coalesce(k.first_confirmed < c.last_join, false) AS rejoined,
        CASE WHEN pk.bank IS NOT NULL THEN 'a banked photo (' || pk.bank || ')'
             WHEN pb.other IS NOT NULL THEN 'the photo of banned account ' || pb.other END AS photo,
        d.other AS device, p.other AS prefix
      FROM cand c JOIN ca ON ca.id = c.account_id
      LEFT JOIN marks k ON k.account_id = c.account_id
      LEFT JOIN photo_banned pb ON pb.id = c.account_id
      LEFT JOIN photo_bank pk ON pk.id = c.account_id
      LEFT JOIN device d ON d.id = c.account_id
      LEFT JOIN prefix p ON p.id = c.account_id`)) as unknown as Rows<RawAccount>;
    return r.rows.map((row) => ({
      platformId: row.external_id,
      inSeed: row.in_seed,
      adminOfConfirmed: Number(row.admin_confirmed),
      adminOfOther: Number(row.admin_other),
      linkedGroups: Number(row.linked),
      flaggedGroups: Number(row.marked),
      joinedViaSeedLink: row.via_link,
      invitedByAdmin: row.invited,
      photoMatch: row.photo,
      rejoinedAfterBan: row.rejoined,
      deviceAfterBan: row.device,
      prefixAfterBan: row.prefix,
    }));
  }
}

interface RawGroup {
  id: string | number;
  external_id: string;
  confirmed: boolean;
  flagged: boolean;
  size: string | number;
  shared_members?: string | number;
  shared_admins?: string | number;
  link_in_seed?: boolean;
  seed_link_here?: boolean;
}

interface RawAccount {
  external_id: string;
  in_seed: boolean;
  linked: string | number;
  admin_confirmed: string | number;
  admin_other: string | number;
  via_link: boolean;
  invited: boolean;
  marked: string | number;
  rejoined: boolean;
  photo: string | null;
  device: string | null;
  prefix: string | null;
}

function groupNode(row: RawGroup, seedMembers: number): GroupNode {
  return {
    id: Number(row.id),
    platformId: row.external_id,
    sharedMembers: Number(row.shared_members ?? 0),
    sharedAdmins: Number(row.shared_admins ?? 0),
    size: Number(row.size),
    seedMembers,
    linkPostedInSeed: row.link_in_seed ?? false,
    seedLinkPostedHere: row.seed_link_here ?? false,
    flagged: row.flagged,
    confirmed: row.confirmed,
  };
}
