/**
 * Finds banned accounts' photos, devices, number prefixes and joining
 * patterns on the accounts a batch wrote, and opens a review case for each
 * suspect linked to the banned account's case (case_relations), inside the
 * decision writer's transaction. The relation is unique per case and banned
 * account, so a pattern seen again adds nothing.
 */
import { sql } from "drizzle-orm";
import {
  BAN_EVASION_PRIORITY,
  BAN_EVASION_QUEUE,
  type EvasionPattern,
  type EvasionProbe,
  explainEvasion,
  opensCase,
  PREFIX_WINDOW_HOURS,
} from "../../domain/evasion-patterns.js";
import type { VigilDb } from "../database.js";

type Rows<T> = { rows: T[] };
const texts = (xs: string[]) => sql`${sql.param(xs)}::text[]`;

export interface EvasionMatch {
  suspect: string;
  banned: string;
  patterns: EvasionPattern[];
}

export async function findEvasions(
  tx: VigilDb,
  platform: string,
  probe: EvasionProbe,
): Promise<EvasionMatch[]> {
  if (probe.profiles.length === 0 && probe.joiners.length === 0) return [];
  const r = (await tx.execute(sql`
    WITH p AS (SELECT * FROM accounts WHERE platform = ${platform} AND external_id = ANY(${texts(probe.profiles)}) AND banned_at IS NULL),
    j AS (SELECT id, external_id FROM accounts WHERE platform = ${platform} AND external_id = ANY(${texts(probe.joiners)}) AND banned_at IS NULL),
    -- Banned accounts are few: hash-joined, rather than looking up every co-member of a group.
    banned AS MATERIALIZED (
      SELECT id, external_id, banned_at FROM accounts WHERE banned_at IS NOT NULL AND platform = ${platform}),
    -- The joiners' memberships in flagged or confirmed groups first (few), then their banned co-members.
    jm AS MATERIALIZED (
      SELECT j.id, j.external_id, mj.group_id, mj.joined_at FROM j JOIN memberships mj ON mj.account_id = j.id
      JOIN groups g ON g.id = mj.group_id WHERE g.flagged_at IS NOT NULL OR g.confirmed_at IS NOT NULL),
    found AS (
      SELECT p.external_id AS suspect, b.external_id AS banned, 'same_photo' AS pattern
        FROM p JOIN accounts b ON b.photo_sha256 = p.photo_sha256 AND b.platform = ${platform}
        WHERE b.banned_at IS NOT NULL AND b.id <> p.id
      UNION SELECT p.external_id, b.external_id, 'same_photo'
        FROM p JOIN accounts b ON b.photo_pdq = p.photo_pdq AND b.platform = ${platform}
        WHERE b.banned_at IS NOT NULL AND b.id <> p.id
      UNION SELECT p.external_id, b.external_id, 'same_device'
        FROM p JOIN accounts b ON b.platform = ${platform} AND b.device_id = p.device_id
        WHERE b.banned_at IS NOT NULL AND b.id <> p.id
      UNION SELECT p.external_id, b.external_id, 'prefix_soon_after_ban'
        FROM p JOIN accounts b ON b.banned_at BETWEEN p.platform_created_at - make_interval(hours => ${PREFIX_WINDOW_HOURS}) AND p.platform_created_at
        WHERE b.platform = ${platform} AND b.phone_prefix = p.phone_prefix AND b.id <> p.id
      UNION SELECT jm.external_id, b.external_id, 'same_groups_after_ban'
        FROM jm JOIN memberships mb ON mb.group_id = jm.group_id AND mb.account_id <> jm.id
        JOIN banned b ON b.id = mb.account_id
        WHERE jm.joined_at > b.banned_at
        GROUP BY jm.external_id, b.external_id HAVING count(*) >= 2)
    SELECT suspect, banned, array_agg(DISTINCT pattern ORDER BY pattern) AS patterns FROM found GROUP BY suspect, banned`)) as unknown as Rows<{
    suspect: string;
    banned: string;
    patterns: EvasionPattern[] | string;
  }>;
  return r.rows.map((row) => ({
    suspect: row.suspect,
    banned: row.banned,
    patterns: (Array.isArray(row.patterns) ? row.patterns : parsePgArray(row.patterns)) as EvasionPattern[],
  }));
}

/** node-postgres returns text[] of an unknown-typed expression as '{a,b}'. */
function parsePgArray(text: string): string[] {
  return text
    .replace(/^\{|\}$/g, "")
    .split(",")
    .filter(Boolean);
}

/** Opens (or joins) the suspect's ban-evasion case and links it to the banned account's latest case. */
export async function openEvasionCases(
  tx: VigilDb,
  platform: string,
  matches: EvasionMatch[],
): Promise<number> {
  let opened = 0;
  for (const m of matches.filter((x) => opensCase(x.patterns))) {
    const reason = explainEvasion(m.banned, m.patterns);
    const r = (await tx.execute(sql`
      WITH c AS (
        INSERT INTO cases (platform, subject_type, subject_id, queue, priority)
        VALUES (${platform}, 'account', ${m.suspect}, ${BAN_EVASION_QUEUE}, ${BAN_EVASION_PRIORITY})
        ON CONFLICT (platform, subject_type, subject_id, queue) WHERE status <> 'closed'
        DO UPDATE SET updated_at = now() RETURNING id),
      rel AS (
        INSERT INTO case_relations (case_id, related_case_id, related_subject_type, related_subject_id, kind, detail)
        SELECT c.id, (SELECT max(o.id) FROM cases o WHERE o.platform = ${platform} AND o.subject_type = 'account' AND o.subject_id = ${m.banned}),
          'account', ${m.banned}, 'ban_evasion', ${JSON.stringify({ patterns: m.patterns, reason })}::jsonb
        FROM c
        ON CONFLICT (case_id, related_subject_type, related_subject_id, kind) DO NOTHING
        RETURNING case_id)
      INSERT INTO moderation_events (case_id, platform, subject_type, subject_id, kind, actor, detail)
      SELECT case_id, ${platform}, 'account', ${m.suspect}, 'enqueue', 'system',
        ${JSON.stringify({ queue: BAN_EVASION_QUEUE, priority: BAN_EVASION_PRIORITY, reason, relatedAccount: m.banned, patterns: m.patterns })}::jsonb
      FROM rel RETURNING id`)) as unknown as Rows<unknown>;
    opened += r.rows.length;
  }
  return opened;
}
