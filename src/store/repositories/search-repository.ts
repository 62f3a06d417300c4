/**
 * Search's SQL (issue 16): exact keys through plain indexes (phone keyed
 * hashes, platform ids across platforms, invite codes, digests, case ids,
 * hotline references), PDQ within a radius by bit_count over XOR (a scan of
 * the stored photo hashes), and name or note fragments through trigram
 * indexes on folded text (LIKE '%…%', pg_trgm on PostgreSQL and in PGlite).
 * Each method answers hits: a subject and what matched.
 */
import { type SQL, sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";

export interface SearchHit {
  platform: string;
  type: "group" | "account" | "invite_link" | "media";
  id: string;
  field: string;
  value: string;
  distance: number | null;
  /** A case this hit names (case id, note), shown even when closed. */
  caseId?: number;
}

type Raw = Record<string, unknown>;
/** Exact-key answers are few; more than this for one key is a sign of a bad key, not a page to show. */
const EXACT_CAP = 200;

function hits(rows: Raw[]): SearchHit[] {
  return rows.map((r) => ({
    platform: String(r.platform),
    type: r.type as SearchHit["type"],
    id: String(r.id),
    field: String(r.field),
    value: String(r.value),
    distance: r.distance === null || r.distance === undefined ? null : Number(r.distance),
    caseId: r.case_id === null || r.case_id === undefined ? undefined : Number(r.case_id),
  }));
}

export class SearchRepository {
  constructor(private readonly db: VigilDb) {}

  private async rows(query: SQL): Promise<SearchHit[]> {
    const result = (await this.db.execute(query)) as unknown as { rows: Raw[] };
    return hits(result.rows);
  }

  private platformIs(column: SQL, platform?: string): SQL {
    return platform ? sql` AND ${column} = ${platform}` : sql``;
  }

  /** Accounts with this number, and the subjects of hotline calls that gave it. `shown` is what the searcher typed. */
  phone(phoneKey: string, shown: string, platform?: string): Promise<SearchHit[]> {
    return this.rows(sql`
      SELECT platform, 'account' AS type, external_id AS id, 'phone' AS field, ${shown} AS value
      FROM accounts WHERE phone_key = ${phoneKey}${this.platformIs(sql`platform`, platform)}
      UNION ALL
      SELECT r.platform, r.subject_type, r.subject_id, 'report_phone', h.reference
      FROM hotline_intake_keys k JOIN hotline_intakes h ON h.id = k.intake_id
      JOIN hotline_intake_reports r ON r.intake_id = k.intake_id
      WHERE k.kind = 'phone' AND k.key = ${phoneKey}${this.platformIs(sql`r.platform`, platform)}
      LIMIT ${EXACT_CAP}`);
  }

  /** A platform's own id for an account, group, invite link or any subject a case is about. */
  externalId(id: string, platform?: string): Promise<SearchHit[]> {
    return this.rows(sql`
      SELECT platform, 'account' AS type, external_id AS id, 'account_id' AS field, external_id AS value
      FROM accounts WHERE external_id = ${id}${this.platformIs(sql`platform`, platform)}
      UNION ALL
      SELECT platform, 'group', external_id, 'group_id', external_id
      FROM groups WHERE external_id = ${id}${this.platformIs(sql`platform`, platform)}
      UNION ALL
      SELECT platform, 'invite_link', code, 'invite_code', code
      FROM invite_links WHERE code = ${id}${this.platformIs(sql`platform`, platform)}
      UNION ALL
      SELECT g.platform, 'group', g.external_id, 'invite_code', l.code
      FROM invite_links l JOIN groups g ON g.id = l.group_id WHERE l.code = ${id}${this.platformIs(sql`l.platform`, platform)}
      UNION ALL
      SELECT DISTINCT platform, subject_type, subject_id,
        CASE subject_type WHEN 'group' THEN 'group_id' WHEN 'account' THEN 'account_id'
          WHEN 'invite_link' THEN 'invite_code' ELSE 'media' END, subject_id
      FROM cases WHERE subject_id = ${id}${this.platformIs(sql`platform`, platform)}
      LIMIT ${EXACT_CAP}`);
  }

  /** An invite link: the link, the group it leads to, the crawler's `invite:<code>` group, hotline calls that gave it. */
  inviteLink(platform: string, code: string): Promise<SearchHit[]> {
    return this.rows(sql`
      SELECT l.platform, 'invite_link' AS type, l.code AS id, 'invite_code' AS field, coalesce(l.url, l.code) AS value
      FROM invite_links l WHERE l.platform = ${platform} AND l.code = ${code}
      UNION ALL
      SELECT g.platform, 'group', g.external_id, 'invite_code', coalesce(l.url, l.code)
      FROM invite_links l JOIN groups g ON g.id = l.group_id WHERE l.platform = ${platform} AND l.code = ${code}
      UNION ALL
      SELECT DISTINCT platform, subject_type, subject_id, 'invite_code', ${code}
      FROM cases WHERE platform = ${platform} AND ((subject_type = 'invite_link' AND subject_id = ${code})
        OR (subject_type = 'group' AND subject_id = ${`invite:${code}`}))
      UNION ALL
      SELECT r.platform, r.subject_type, r.subject_id, 'report_link', h.reference
      FROM hotline_intake_keys k JOIN hotline_intakes h ON h.id = k.intake_id
      JOIN hotline_intake_reports r ON r.intake_id = k.intake_id
      WHERE k.kind = 'invite_link' AND k.key = ${`${platform}:${code}`}
      LIMIT ${EXACT_CAP}`);
  }

  /** MD5 or SHA-256: stored media (and the reports it is attached to), group and profile photos. */
  digest(kind: "md5" | "sha256", hex: string, platform?: string): Promise<SearchHit[]> {
    const column = kind === "md5" ? sql`m.md5` : sql`m.sha256`;
    const groupPhoto = kind === "md5" ? sql`g.photo->>'md5'` : sql`g.photo->>'sha256'`;
    const accountPhoto = kind === "md5" ? sql`a.photo->>'md5'` : sql`a.photo_sha256`;
    return this.rows(sql`
      SELECT 'vigil' AS platform, 'media' AS type, m.id AS id, 'media' AS field, ${hex} AS value
      FROM media m WHERE ${column} = ${hex}
      UNION ALL
      SELECT r.platform, r.subject_type, r.subject_id, 'report_attachment', m.id
      FROM media m JOIN reports r ON r.attachments ? m.id WHERE ${column} = ${hex}${this.platformIs(sql`r.platform`, platform)}
      UNION ALL
      SELECT g.platform, 'group', g.external_id, 'group_photo', ${hex}
      FROM groups g WHERE ${groupPhoto} = ${hex}${this.platformIs(sql`g.platform`, platform)}
      UNION ALL
      SELECT a.platform, 'account', a.external_id, 'profile_photo', ${hex}
      FROM accounts a WHERE ${accountPhoto} = ${hex}${this.platformIs(sql`a.platform`, platform)}
      LIMIT ${EXACT_CAP}`);
  }

  /** PDQ within `radius` bits: a scan of the stored hashes (bit_count over XOR of 256-bit strings). */
  pdq(hex: string, radius: number, platform?: string): Promise<SearchHit[]> {
    const d = (column: SQL) => sql`bit_count(('x' || ${column})::bit(256) # ('x' || ${hex})::bit(256))`;
    const valid = (column: SQL) => sql`${column} ~ '^[0-9a-fA-F]{64}$'`;
    return this.rows(sql`
      SELECT * FROM (
        SELECT 'vigil' AS platform, 'media' AS type, m.id AS id, 'media' AS field, m.pdq AS value, ${d(sql`m.pdq`)} AS distance
        FROM media m WHERE ${valid(sql`m.pdq`)}
        UNION ALL
        SELECT g.platform, 'group', g.external_id, 'group_photo', g.photo->>'pdq', ${d(sql`(g.photo->>'pdq')`)}
        FROM groups g WHERE ${valid(sql`(g.photo->>'pdq')`)}${this.platformIs(sql`g.platform`, platform)}
        UNION ALL
        SELECT a.platform, 'account', a.external_id, 'profile_photo', a.photo_pdq, ${d(sql`a.photo_pdq`)}
        FROM accounts a WHERE ${valid(sql`a.photo_pdq`)}${this.platformIs(sql`a.platform`, platform)}
      ) x WHERE distance <= ${radius} ORDER BY distance LIMIT ${EXACT_CAP}`);
  }

  /** A case by id, and its subject. */
  caseId(id: number): Promise<SearchHit[]> {
    return this.rows(sql`SELECT platform, subject_type AS type, subject_id AS id, 'case_id' AS field,
      '#' || id AS value, id AS case_id FROM cases WHERE id = ${id}`);
  }

  /** A hotline call's reference: the subjects its reports are about. */
  reference(reference: string): Promise<SearchHit[]> {
    return this.rows(sql`SELECT r.platform, r.subject_type AS type, r.subject_id AS id, 'reference' AS field,
      h.reference AS value FROM hotline_intakes h JOIN hotline_intake_reports r ON r.intake_id = h.id
      WHERE h.reference = ${reference.toUpperCase()}`);
  }

  /** Notes whose folded text contains the fragment: their cases' subjects. */
  notes(pattern: string, limit: number): Promise<SearchHit[]> {
    return this.rows(sql`SELECT m.platform, m.subject_type AS type, m.subject_id AS id, 'note' AS field,
      left(m.detail->>'note', 200) AS value, m.case_id FROM moderation_events m
      WHERE m.kind = 'comment' AND m.detail->>'search' LIKE ${pattern}
      ORDER BY m.id DESC LIMIT ${limit}`);
  }

  /**
   * Groups (name or description) and accounts (name) containing a folded fragment,
   * newest first: one page, and one more row to know whether another page follows.
   */
  names(pattern: string, offset: number, limit: number, platform?: string): Promise<SearchHit[]> {
    return this.rows(sql`
      SELECT * FROM (
        SELECT g.platform, 'group' AS type, g.external_id AS id,
          CASE WHEN g.search_name LIKE ${pattern} THEN 'name' ELSE 'description' END AS field,
          CASE WHEN g.search_name LIKE ${pattern} THEN g.name ELSE left(g.description, 200) END AS value,
          g.id AS row_id, 0 AS kind
        FROM groups g WHERE (g.search_name LIKE ${pattern} OR g.search_description LIKE ${pattern})
          ${this.platformIs(sql`g.platform`, platform)}
        UNION ALL
        SELECT a.platform, 'account', a.external_id, 'name', a.name, a.id, 1
        FROM accounts a WHERE a.search_name LIKE ${pattern}${this.platformIs(sql`a.platform`, platform)}
      ) x ORDER BY kind, row_id DESC LIMIT ${limit + 1} OFFSET ${offset}`);
  }

  /** Names, descriptions and link statuses of subjects (`platform\ntype\nid` keys). */
  async labels(
    keys: readonly string[],
  ): Promise<Map<string, { label: string | null; description: string | null; linkStatus: string | null }>> {
    const out = new Map<
      string,
      { label: string | null; description: string | null; linkStatus: string | null }
    >();
    if (keys.length === 0) return out;
    const split = keys.map((k) => k.split("\n"));
    const result = (await this.db.execute(sql`
      SELECT s.platform, s.subject_type, s.subject_id,
        coalesce(g.name, a.name, l.url) AS label, left(g.description, 300) AS description, l.status AS link_status
      FROM unnest(${sql.param(split.map((x) => x[0]))}::text[], ${sql.param(split.map((x) => x[1]))}::text[],
                  ${sql.param(split.map((x) => x[2]))}::text[]) AS s(platform, subject_type, subject_id)
      LEFT JOIN groups g ON s.subject_type = 'group' AND g.platform = s.platform AND g.external_id = s.subject_id
      LEFT JOIN accounts a ON s.subject_type = 'account' AND a.platform = s.platform AND a.external_id = s.subject_id
      LEFT JOIN invite_links l ON s.subject_type = 'invite_link' AND l.platform = s.platform AND l.code = s.subject_id
    `)) as unknown as { rows: Raw[] };
    for (const r of result.rows) {
      out.set(`${r.platform}\n${r.subject_type}\n${r.subject_id}`, {
        label: (r.label as string | null) ?? null,
        description: (r.description as string | null) ?? null,
        linkStatus: (r.link_status as string | null) ?? null,
      });
    }
    return out;
  }
}
