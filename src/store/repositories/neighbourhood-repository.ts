/**
 * The seed's neighbourhood as the console draws it (issue 10 point 5): for
 * chosen groups and accounts, their marks (confirmed / flagged / unknown),
 * their latest case, the memberships between them and the invite links
 * posted from one to another. A few hundred nodes at most: one query each.
 */
import { sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";

export type NodeMark = "confirmed" | "flagged" | "unknown";

export interface NeighbourhoodNode {
  kind: "account" | "group";
  platformId: string;
  mark: NodeMark;
  caseId: number | null;
}

export interface NeighbourhoodEdge {
  kind: "member" | "admin" | "link";
  from: string;
  to: string;
}

type Rows<T> = { rows: T[] };
const texts = (xs: string[]) => sql`${sql.param(xs)}::text[]`;

export class NeighbourhoodRepository {
  constructor(private readonly db: VigilDb) {}

  async picture(
    platform: string,
    groupIds: string[],
    accountIds: string[],
  ): Promise<{ nodes: NeighbourhoodNode[]; edges: NeighbourhoodEdge[] }> {
    const nodes = (await this.db.execute(sql`
      SELECT 'group' AS kind, g.external_id,
        CASE WHEN g.confirmed_at IS NOT NULL THEN 'confirmed' WHEN g.flagged_at IS NOT NULL THEN 'flagged' ELSE 'unknown' END AS mark,
        (SELECT max(c.id) FROM cases c WHERE c.platform = g.platform AND c.subject_type = 'group' AND c.subject_id = g.external_id) AS case_id
      FROM groups g WHERE g.platform = ${platform} AND g.external_id = ANY(${texts(groupIds)})
      UNION ALL
      SELECT 'account', a.external_id,
        CASE WHEN a.banned_at IS NOT NULL THEN 'confirmed'
             WHEN EXISTS (SELECT 1 FROM cases c WHERE c.platform = a.platform AND c.subject_type = 'account' AND c.subject_id = a.external_id) THEN 'flagged'
             ELSE 'unknown' END,
        (SELECT max(c.id) FROM cases c WHERE c.platform = a.platform AND c.subject_type = 'account' AND c.subject_id = a.external_id)
      FROM accounts a WHERE a.platform = ${platform} AND a.external_id = ANY(${texts(accountIds)})`)) as unknown as Rows<{
      kind: "account" | "group";
      external_id: string;
      mark: NodeMark;
      case_id: string | number | null;
    }>;
    const edges = (await this.db.execute(sql`
      WITH g AS (SELECT id, external_id FROM groups WHERE platform = ${platform} AND external_id = ANY(${texts(groupIds)})),
      a AS (SELECT id, external_id FROM accounts WHERE platform = ${platform} AND external_id = ANY(${texts(accountIds)}))
      SELECT CASE WHEN m.role = 'admin' THEN 'admin' ELSE 'member' END AS kind, a.external_id AS source, g.external_id AS target
      FROM memberships m JOIN g ON g.id = m.group_id JOIN a ON a.id = m.account_id
      UNION ALL
      SELECT DISTINCT 'link', gi.external_id, gl.external_id
      FROM invite_link_postings p JOIN invite_links l ON l.id = p.link_id
      JOIN g gi ON gi.id = p.posted_in_group_id JOIN g gl ON gl.id = l.group_id`)) as unknown as Rows<{
      kind: NeighbourhoodEdge["kind"];
      source: string;
      target: string;
    }>;
    return {
      nodes: nodes.rows.map((r) => ({
        kind: r.kind,
        platformId: r.external_id,
        mark: r.mark,
        caseId: r.case_id === null ? null : Number(r.case_id),
      })),
      edges: edges.rows.map((r) => ({ kind: r.kind, from: r.source, to: r.target })),
    };
  }
}
