/**
 * Writes the synthetic network (enforce/expansion/synthetic-network.ts) with
 * set-based SQL: noise accounts, groups and memberships come from
 * generate_series with a multiplicative hash for randomness (deterministic, so
 * PGlite and PostgreSQL build the same network), the planted rings from arrays
 * passed as parameters and unnested. Benign and synthetic: made-up ids only.
 */
import { sql } from "drizzle-orm";
import type { NetworkShape, PlantedRing } from "../../domain/synthetic-network.js";
import type { VigilDb } from "../database.js";

type Rows<T> = { rows: T[] };

/**
 * A pseudo-random fraction in [0, 1) from an integer expression and a salt, by
 * PostgreSQL's own integer hash (Jenkins' lookup3, in PGlite too). A
 * multiplicative hash is not enough: consecutive inputs map to values a fixed
 * step apart, so accounts sharing one random group would share the next one too.
 */
const rnd = (expr: string, salt: number) =>
  `((hashint8((${expr}) * 16 + ${salt})::bigint + 2147483648) / 4294967296.0)`;

export interface GenerationStep {
  step: string;
  seconds: number;
  rows?: number;
}

export class SyntheticNetworkWriter {
  constructor(private readonly db: VigilDb) {}

  private async run(query: ReturnType<typeof sql> | string): Promise<number> {
    const r = (await this.db.execute(typeof query === "string" ? sql.raw(query) : query)) as unknown as {
      rowCount?: number | null;
      affectedRows?: number;
    };
    return Number(r.rowCount ?? r.affectedRows ?? 0);
  }

  async exists(platform: string): Promise<boolean> {
    const r = (await this.db.execute(
      sql`SELECT 1 FROM groups WHERE platform = ${platform} LIMIT 1`,
    )) as unknown as Rows<unknown>;
    return r.rows.length > 0;
  }

  /** Noise first (every account and group, random memberships), then the rings over it. */
  async write(
    platform: string,
    shape: NetworkShape,
    rings: PlantedRing[],
    onStep: (s: GenerationStep) => void = () => {},
    options: { bulkLoad?: boolean } = {},
  ): Promise<void> {
    const p = platform.replaceAll("'", "''");
    const timed = async (step: string, fn: () => Promise<number>) => {
      const started = performance.now();
      const rows = await fn();
      onStep({ step, seconds: (performance.now() - started) / 1000, rows });
    };
    await timed("accounts", () =>
      this.run(`INSERT INTO accounts (platform, external_id, platform_created_at, device_id, phone_prefix, photo_sha256)
        SELECT '${p}', 'a' || n, timestamptz '2025-01-01' + n * interval '31 seconds', 'd' || n,
          '+' || (20 + floor(${rnd("n", 1)} * 70)::int) || (10 + floor(${rnd("n", 2)} * 90)::int),
          CASE WHEN ${rnd("n", 3)} < 0.2 THEN md5('noise-photo-' || n) || md5('noise-photo-b-' || n) END
        FROM generate_series(1, ${shape.accounts}) n`),
    );
    await timed("groups", () =>
      this.run(`INSERT INTO groups (platform, external_id, name)
        SELECT '${p}', 'g' || n, 'synthetic group ' || n FROM generate_series(1, ${shape.groups}) n`),
    );
    const ids = (await this.db.execute(sql`
      SELECT (SELECT min(id) FROM accounts WHERE platform = ${platform}) AS a0,
             (SELECT min(id) FROM groups WHERE platform = ${platform}) AS g0`)) as unknown as Rows<{
      a0: string;
      g0: string;
    }>;
    const a0 = Number(ids.rows[0].a0);
    const g0 = Number(ids.rows[0].g0);
    const maxPer = 2 * shape.membershipsPerAccount - 1;
    // Group popularity skewed by u^2: the first groups are huge, the last (where rings live) get half the mean.
    // Noise joins all fall in 2025, before the planted rings' story (2026).
    const membershipsSql = `INSERT INTO memberships (group_id, account_id, joined_at)
        SELECT ${g0 - 1} + 1 + floor(${rnd("n * 64 + j", 4)} ^ 2 * ${shape.groups})::bigint, ${a0 - 1} + n,
          timestamptz '2025-03-01' + (${rnd("n * 64 + j", 5)} * 290) * interval '1 day'
        FROM generate_series(1, ${shape.accounts}) n,
          generate_series(1, 1 + floor(${rnd("n", 6)} * ${maxPer})::int) j
        ON CONFLICT DO NOTHING`;
    await timed("memberships", () =>
      options.bulkLoad ? this.bulkLoadMemberships(membershipsSql) : this.run(membershipsSql),
    );
    await timed("noise marks", async () => {
      const flagged = await this.run(`UPDATE groups SET flagged_at = timestamptz '2025-09-01'
        WHERE id IN (SELECT ${g0 - 1} + 1 + floor(${rnd("k", 7)} * ${shape.groups - 100})::bigint
                     FROM generate_series(1, ${shape.flaggedNoiseGroups}) k)`);
      const banned =
        await this.run(`UPDATE accounts SET banned_at = timestamptz '2025-03-01' + (${rnd("id", 8)} * 300) * interval '1 day'
        WHERE id IN (SELECT ${a0 - 1} + 1 + floor(${rnd("k", 9)} * ${shape.accounts - 10_000})::bigint
                     FROM generate_series(1, ${shape.bannedNoiseAccounts}) k)`);
      return flagged + banned;
    });
    await timed("rings", () => this.writeRings(platform, rings));
    // VACUUM too: it sets the hint bits and visibility map a bulk load leaves unset, or the first
    // reads of each page pay for it (index-only scans need the visibility map).
    await timed("vacuum analyze", async () => {
      for (const table of ["accounts", "groups", "memberships", "invite_links", "invite_link_postings"]) {
        await this.run(`VACUUM (ANALYZE) ${table}`);
      }
      return 0;
    });
  }

  /**
   * PostgreSQL only, for a fresh benchmark database: foreign-key checks off for
   * this transaction (session_replication_role; the ids come from the rows just
   * inserted) and the account index built once afterwards instead of row by row.
   */
  private async bulkLoadMemberships(insert: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql.raw("SET LOCAL session_replication_role = replica"));
      await tx.execute(sql.raw("DROP INDEX memberships_account"));
      const r = (await tx.execute(sql.raw(insert))) as unknown as { rowCount?: number | null };
      await tx.execute(sql.raw("CREATE INDEX memberships_account ON memberships (account_id)"));
      return Number(r.rowCount ?? 0);
    });
  }

  private async writeRings(platform: string, rings: PlantedRing[]): Promise<number> {
    const accounts = rings.flatMap((r) => r.accounts);
    const groups = rings.flatMap((r) => r.groups);
    const memberships = rings.flatMap((r) => r.memberships);
    const postings = rings.flatMap((r) => r.postings);
    const arr = (xs: unknown[], type: string) => sql`${sql.param(xs)}::${sql.raw(type)}[]`;
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    let rows = await this.run(sql`
      UPDATE accounts a SET platform_created_at = u.created, device_id = u.device, phone_prefix = u.prefix,
        photo_sha256 = u.photo, banned_at = u.banned,
        photo = CASE WHEN u.photo IS NULL THEN NULL ELSE jsonb_build_object('sha256', u.photo) END
      FROM unnest(${arr(
        accounts.map((x) => x.externalId),
        "text",
      )}, ${arr(
        accounts.map((x) => iso(x.createdAt)),
        "timestamptz",
      )},
        ${arr(
          accounts.map((x) => x.deviceId),
          "text",
        )}, ${arr(
          accounts.map((x) => x.phonePrefix),
          "text",
        )},
        ${arr(
          accounts.map((x) => x.photoSha256),
          "text",
        )}, ${arr(
          accounts.map((x) => iso(x.bannedAt)),
          "timestamptz",
        )})
        AS u(external_id, created, device, prefix, photo, banned)
      WHERE a.platform = ${platform} AND a.external_id = u.external_id`);
    rows += await this.run(sql`
      UPDATE groups g SET confirmed_at = u.confirmed, flagged_at = CASE WHEN u.flagged THEN timestamptz '2026-01-01' END
      FROM unnest(${arr(
        groups.map((x) => x.externalId),
        "text",
      )}, ${arr(
        groups.map((x) => iso(x.confirmedAt)),
        "timestamptz",
      )},
        ${arr(
          groups.map((x) => x.flagged),
          "boolean",
        )}) AS u(external_id, confirmed, flagged)
      WHERE g.platform = ${platform} AND g.external_id = u.external_id`);
    rows += await this.run(sql`
      INSERT INTO invite_links (platform, code, url, group_id, first_seen_at, last_seen_at)
      SELECT ${platform}, 'link-' || g.external_id, 'https://chat.example/join/' || g.external_id, g.id,
        timestamptz '2026-01-01', timestamptz '2026-01-01'
      FROM groups g WHERE g.platform = ${platform} AND g.external_id = ANY(${arr(
        groups.map((x) => x.externalId),
        "text",
      )})
      ON CONFLICT DO NOTHING`);
    rows += await this.run(sql`
      INSERT INTO invite_link_postings (link_id, posted_in_group_id, seen_at)
      SELECT l.id, g.id, timestamptz '2026-01-02'
      FROM unnest(${arr(
        postings.map((x) => x.linkOf),
        "text",
      )}, ${arr(
        postings.map((x) => x.postedIn),
        "text",
      )}) AS u(link_of, posted_in)
      JOIN invite_links l ON l.platform = ${platform} AND l.code = 'link-' || u.link_of
      JOIN groups g ON g.platform = ${platform} AND g.external_id = u.posted_in
      ON CONFLICT DO NOTHING`);
    rows += await this.run(sql`
      INSERT INTO memberships (group_id, account_id, role, joined_at, invite_link_id, inviter_account_id)
      SELECT g.id, a.id, u.role, u.joined, l.id, inv.id
      FROM unnest(${arr(
        memberships.map((x) => x.group),
        "text",
      )}, ${arr(
        memberships.map((x) => x.account),
        "text",
      )},
        ${arr(
          memberships.map((x) => x.role),
          "text",
        )}, ${arr(
          memberships.map((x) => iso(x.joinedAt)),
          "timestamptz",
        )},
        ${arr(
          memberships.map((x) => x.viaLinkOf),
          "text",
        )}, ${arr(
          memberships.map((x) => x.inviter),
          "text",
        )})
        AS u(grp, account, role, joined, via, inviter)
      JOIN groups g ON g.platform = ${platform} AND g.external_id = u.grp
      JOIN accounts a ON a.platform = ${platform} AND a.external_id = u.account
      LEFT JOIN invite_links l ON l.platform = ${platform} AND l.code = 'link-' || u.via
      LEFT JOIN accounts inv ON inv.platform = ${platform} AND inv.external_id = u.inviter
      ON CONFLICT (group_id, account_id) DO UPDATE SET role = excluded.role, joined_at = excluded.joined_at,
        invite_link_id = excluded.invite_link_id, inviter_account_id = excluded.inviter_account_id`);
    // A case per planted group, so the console's picture clicks through to something.
    rows += await this.run(sql`
      INSERT INTO cases (platform, subject_type, subject_id, queue, priority)
      SELECT ${platform}, 'group', u.external_id, 'expansion', 50
      FROM unnest(${arr(
        groups.map((x) => x.externalId),
        "text",
      )}) AS u(external_id)
      ON CONFLICT DO NOTHING`);
    return rows;
  }
}
