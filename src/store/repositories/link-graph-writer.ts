/**
 * The invite-link edges of the graph (issue 10), inside the subject writer's
 * transaction: where each link was posted (a group, by an account, or a
 * directory page; unique per place, so a repeated sighting adds nothing) and
 * the link each member joined through.
 */
import { sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import type { InviteLinkUpdate, MembershipUpdate } from "./subject-update-types.js";

const arr = (xs: unknown[], type: string) => sql`${sql.param(xs)}::${sql.raw(type)}[]`;

export async function writeLinkGraph(
  tx: VigilDb,
  platform: string,
  links: InviteLinkUpdate[],
  memberships: MembershipUpdate[],
  groupIds: Map<string, number>,
  accountIds: Map<string, number>,
): Promise<void> {
  const postings = links.filter((l) => l.postedInGroupExternalId || l.directoryUrl);
  if (postings.length > 0) {
    const group = (l: InviteLinkUpdate) =>
      l.postedInGroupExternalId ? (groupIds.get(l.postedInGroupExternalId) ?? null) : null;
    const by = (l: InviteLinkUpdate) =>
      l.postedByExternalId ? (accountIds.get(l.postedByExternalId) ?? null) : null;
    const values = sql`
      SELECT l.id, u.grp, u.dir, u.by, u.seen
      FROM unnest(${arr(
        postings.map((l) => l.code),
        "text",
      )}, ${arr(postings.map(group), "bigint")},
        ${arr(
          postings.map((l) => l.directoryUrl ?? null),
          "text",
        )}, ${arr(postings.map(by), "bigint")},
        ${arr(
          postings.map((l) => l.seenAt.toISOString()),
          "timestamptz",
        )}) AS u(code, grp, dir, by, seen)
      JOIN invite_links l ON l.platform = ${platform} AND l.code = u.code`;
    await tx.execute(sql`
      INSERT INTO invite_link_postings (link_id, posted_in_group_id, posted_by_account_id, seen_at)
      SELECT id, grp, by, seen FROM (${values}) v WHERE grp IS NOT NULL
      ON CONFLICT (link_id, posted_in_group_id) WHERE posted_in_group_id IS NOT NULL DO NOTHING`);
    await tx.execute(sql`
      INSERT INTO invite_link_postings (link_id, directory_url, seen_at)
      SELECT id, dir, seen FROM (${values}) v WHERE dir IS NOT NULL
      ON CONFLICT (link_id, directory_url) WHERE directory_url IS NOT NULL DO NOTHING`);
  }
  const joined = memberships.filter((m) => m.inviteCode);
  if (joined.length > 0) {
    await tx.execute(sql`
      UPDATE memberships m SET invite_link_id = l.id
      FROM unnest(${arr(
        joined.map((m) => groupIds.get(m.groupExternalId)),
        "bigint",
      )},
        ${arr(
          joined.map((m) => accountIds.get(m.accountExternalId)),
          "bigint",
        )},
        ${arr(
          joined.map((m) => m.inviteCode),
          "text",
        )}) AS u(grp, account, code)
      JOIN invite_links l ON l.platform = ${platform} AND l.code = u.code
      WHERE m.group_id = u.grp AND m.account_id = u.account`);
  }
}
