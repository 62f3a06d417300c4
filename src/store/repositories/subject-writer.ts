/**
 * Upserts what events say about groups, accounts, memberships and invite
 * links, a batch at a time inside the caller's transaction. Within a batch the
 * last word on a subject wins (events arrive in seq order); a field an event
 * leaves out keeps its stored value.
 */
import { sql } from "drizzle-orm";
import type { VigilDb } from "../database.js";
import { accounts, groupRevisions, groups, inviteLinks, memberships } from "../schema.js";
import { writeLinkGraph } from "./link-graph-writer.js";
import type { InviteLinkUpdate, SubjectUpdates } from "./subject-update-types.js";

function lastByKey<T>(items: T[], key: (item: T) => string): T[] {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = key(item);
    const prev = map.get(k);
    // Merge rather than replace, so an event that only renames keeps the photo an earlier one set.
    map.set(k, prev ? { ...prev, ...definedOnly(item) } : item);
  }
  return [...map.values()];
}

function definedOnly<T>(item: T): Partial<T> {
  return Object.fromEntries(Object.entries(item as object).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Upserts groups and accounts (returning their row ids by external id), then memberships and links. */
export async function writeSubjects(tx: VigilDb, platform: string, updates: SubjectUpdates[]): Promise<void> {
  const groupUpdates = updates.flatMap((u) => u.groups);
  const accountUpdates = updates.flatMap((u) => u.accounts);
  const membershipUpdates = updates.flatMap((u) => u.memberships);
  const linkUpdates = updates.flatMap((u) => u.inviteLinks);

  // Every group and account a membership or link names must exist first.
  for (const m of membershipUpdates) {
    groupUpdates.push({ externalId: m.groupExternalId });
    accountUpdates.push({ externalId: m.accountExternalId });
    if (m.inviterExternalId) accountUpdates.push({ externalId: m.inviterExternalId });
  }
  for (const m of membershipUpdates) {
    // Joining through a code tells which group the link leads to.
    if (m.inviteCode)
      linkUpdates.push({
        code: m.inviteCode,
        groupExternalId: m.groupExternalId,
        seenAt: m.joinedAt ?? new Date(),
      });
  }
  for (const l of linkUpdates) if (l.groupExternalId) groupUpdates.push({ externalId: l.groupExternalId });
  for (const l of linkUpdates) {
    if (l.postedInGroupExternalId) groupUpdates.push({ externalId: l.postedInGroupExternalId });
    if (l.postedByExternalId) accountUpdates.push({ externalId: l.postedByExternalId });
  }

  const groupIds = new Map<string, number>();
  const mergedGroups = lastByKey(groupUpdates, (g) => g.externalId);
  if (mergedGroups.length > 0) {
    const rows = await tx
      .insert(groups)
      .values(
        mergedGroups.map((g) => ({
          platform,
          externalId: g.externalId,
          name: g.name ?? null,
          description: g.description ?? null,
          photo: g.photo ?? null,
          searchName: g.searchName ?? null,
          searchDescription: g.searchDescription ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: [groups.platform, groups.externalId],
        set: {
          name: sql`coalesce(excluded.name, ${groups.name})`,
          description: sql`coalesce(excluded.description, ${groups.description})`,
          searchName: sql`coalesce(excluded.search_name, ${groups.searchName})`,
          searchDescription: sql`coalesce(excluded.search_description, ${groups.searchDescription})`,
          photo: sql`coalesce(excluded.photo, ${groups.photo})`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: groups.id, externalId: groups.externalId });
    for (const r of rows) groupIds.set(r.externalId, r.id);
  }
  const revisions = groupUpdates.filter((g) => g.revision);
  if (revisions.length > 0) {
    await tx.insert(groupRevisions).values(
      revisions.map((g) => ({
        groupId: groupIds.get(g.externalId) as number,
        eventSeq: g.revision?.eventSeq,
        name: g.name ?? null,
        description: g.description ?? null,
        photo: g.photo ?? null,
        observedAt: g.revision?.observedAt as Date,
      })),
    );
  }

  const accountIds = new Map<string, number>();
  const mergedAccounts = lastByKey(accountUpdates, (a) => a.externalId);
  if (mergedAccounts.length > 0) {
    const rows = await tx
      .insert(accounts)
      .values(
        mergedAccounts.map((a) => ({
          platform,
          externalId: a.externalId,
          name: a.name ?? null,
          phoneEncrypted: a.phoneEncrypted ?? null,
          phoneKey: a.phoneKey ?? null,
          searchName: a.searchName ?? null,
          photo: a.photo ?? null,
          platformCreatedAt: a.platformCreatedAt ?? null,
          deviceId: a.deviceId ?? null,
          phonePrefix: a.phonePrefix ?? null,
          photoSha256: a.photo?.sha256 ?? null,
          photoPdq: a.photo?.pdq ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: [accounts.platform, accounts.externalId],
        set: {
          name: sql`coalesce(excluded.name, ${accounts.name})`,
          phoneEncrypted: sql`coalesce(excluded.phone_encrypted, ${accounts.phoneEncrypted})`,
          phoneKey: sql`CASE WHEN excluded.phone_encrypted IS NULL THEN ${accounts.phoneKey} ELSE excluded.phone_key END`,
          searchName: sql`coalesce(excluded.search_name, ${accounts.searchName})`,
          photo: sql`coalesce(excluded.photo, ${accounts.photo})`,
          platformCreatedAt: sql`coalesce(excluded.platform_created_at, ${accounts.platformCreatedAt})`,
          deviceId: sql`coalesce(excluded.device_id, ${accounts.deviceId})`,
          phonePrefix: sql`coalesce(excluded.phone_prefix, ${accounts.phonePrefix})`,
          // A new photo replaces the hashes with its own (even none), an update without a photo keeps them.
          photoSha256: sql`CASE WHEN excluded.photo IS NULL THEN ${accounts.photoSha256} ELSE excluded.photo_sha256 END`,
          photoPdq: sql`CASE WHEN excluded.photo IS NULL THEN ${accounts.photoPdq} ELSE excluded.photo_pdq END`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: accounts.id, externalId: accounts.externalId });
    for (const r of rows) accountIds.set(r.externalId, r.id);
  }

  const mergedMemberships = lastByKey(
    membershipUpdates,
    (m) => `${m.groupExternalId}\n${m.accountExternalId}`,
  );
  if (mergedMemberships.length > 0) {
    await tx
      .insert(memberships)
      .values(
        mergedMemberships.map((m) => ({
          groupId: groupIds.get(m.groupExternalId) as number,
          accountId: accountIds.get(m.accountExternalId) as number,
          role: m.role ?? "member",
          inviterAccountId: m.inviterExternalId ? (accountIds.get(m.inviterExternalId) ?? null) : null,
          joinedAt: m.joinedAt ?? null,
          leftAt: m.leftAt ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: [memberships.groupId, memberships.accountId],
        set: {
          role: sql`CASE WHEN excluded.role = 'admin' THEN 'admin' ELSE ${memberships.role} END`,
          inviterAccountId: sql`coalesce(excluded.inviter_account_id, ${memberships.inviterAccountId})`,
          joinedAt: sql`coalesce(excluded.joined_at, ${memberships.joinedAt})`,
          // Rejoining clears the departure; leaving sets it.
          leftAt: sql`CASE WHEN excluded.joined_at IS NOT NULL THEN NULL ELSE coalesce(excluded.left_at, ${memberships.leftAt}) END`,
        },
      });
  }

  const mergedLinks = lastByKey(linkUpdates, (l) => l.code);
  // Only created/revoked events say a link's status; a sighting (posting, join, listing) keeps it.
  await upsertLinks(
    tx,
    platform,
    mergedLinks.filter((l) => l.status !== undefined),
    groupIds,
    true,
  );
  await upsertLinks(
    tx,
    platform,
    mergedLinks.filter((l) => l.status === undefined),
    groupIds,
    false,
  );
  await writeLinkGraph(tx, platform, linkUpdates, membershipUpdates, groupIds, accountIds);
}

async function upsertLinks(
  tx: VigilDb,
  platform: string,
  links: InviteLinkUpdate[],
  groupIds: Map<string, number>,
  statusSaid: boolean,
): Promise<void> {
  if (links.length === 0) return;
  await tx
    .insert(inviteLinks)
    .values(
      links.map((l) => ({
        platform,
        code: l.code,
        url: l.url ?? null,
        groupId: l.groupExternalId ? (groupIds.get(l.groupExternalId) ?? null) : null,
        status: l.status ?? "active",
        firstSeenAt: l.seenAt,
        lastSeenAt: l.seenAt,
      })),
    )
    .onConflictDoUpdate({
      target: [inviteLinks.platform, inviteLinks.code],
      set: {
        url: sql`coalesce(excluded.url, ${inviteLinks.url})`,
        groupId: sql`coalesce(excluded.group_id, ${inviteLinks.groupId})`,
        status: statusSaid ? sql`excluded.status` : sql`${inviteLinks.status}`,
        lastSeenAt: sql`greatest(excluded.last_seen_at, ${inviteLinks.lastSeenAt})`,
      },
    });
}
