/** What an event tells Vigil about its subjects, as rows for the subject writer. */

import type { PlatformEvent } from "../domain/event-schema.js";
import type { Photo } from "../domain/photo-schema.js";
import { phonePrefix } from "../enforce/expansion/phone-prefix.js";
import { foldedOrUndefined } from "../search/fold-text.js";
import type { SubjectUpdates } from "../store/repositories/subject-update-types.js";
import type { PhotoRef } from "../store/schema.js";

/** Hashes resolved for a photo (from the media table or a fetch), when the event gave only a reference. */
export type ResolvedHashes = Pick<PhotoRef, "pdq" | "quality" | "md5" | "sha256" | "mediaId">;

export function photoRef(photo: Photo, resolved?: ResolvedHashes): PhotoRef {
  const ref: PhotoRef = { ...resolved };
  if ("media_id" in photo) ref.mediaId = photo.media_id;
  else if ("url" in photo) ref.url = photo.url;
  else Object.assign(ref, photo);
  return Object.fromEntries(Object.entries(ref).filter(([, v]) => v !== undefined)) as PhotoRef;
}

export function subjectUpdates(
  event: PlatformEvent,
  seq: number,
  encryptPhone: (phone: string) => string,
  resolved: (photo: Photo) => ResolvedHashes | undefined,
  /** Keyed hash of an E.164 number for search (search/phone-key.ts); absent, numbers are not searchable. */
  phoneKey?: (e164: string) => string,
): SubjectUpdates {
  const updates: SubjectUpdates = {
    platform: event.platform,
    groups: [],
    accounts: [],
    memberships: [],
    inviteLinks: [],
  };
  const at = new Date(event.occurred_at);
  if ("group" in event && event.group) {
    const g = event.group;
    const isChange = event.type === "group.created" || event.type === "group.updated";
    updates.groups.push({
      externalId: g.id,
      name: g.name,
      description: g.description,
      searchName: foldedOrUndefined(g.name),
      searchDescription: foldedOrUndefined(g.description),
      photo: g.photo ? photoRef(g.photo, resolved(g.photo)) : undefined,
      revision: isChange ? { eventSeq: seq, observedAt: at } : undefined,
    });
    for (const admin of g.admins ?? []) {
      updates.memberships.push({ groupExternalId: g.id, accountExternalId: admin, role: "admin" });
    }
  }
  if ("account" in event) {
    const a = event.account;
    updates.accounts.push({
      externalId: a.id,
      name: a.name,
      phoneEncrypted: a.phone ? encryptPhone(a.phone) : undefined,
      phoneKey: a.phone && phoneKey ? phoneKey(a.phone) : undefined,
      searchName: foldedOrUndefined(a.name),
      photo: a.photo ? photoRef(a.photo, resolved(a.photo)) : undefined,
      platformCreatedAt: a.created_at ? new Date(a.created_at) : undefined,
      deviceId: a.device_id,
      phonePrefix: a.phone_prefix ?? (a.phone ? phonePrefix(a.phone) : undefined),
    });
  }
  if (event.type === "group.member_joined") {
    updates.memberships.push({
      groupExternalId: event.group.id,
      accountExternalId: event.account.id,
      role: event.membership?.role,
      inviterExternalId: event.membership?.inviter_id,
      inviteCode: event.membership?.invite_code,
      joinedAt: at,
    });
  }
  if (event.type === "group.member_left") {
    updates.memberships.push({
      groupExternalId: event.group.id,
      accountExternalId: event.account.id,
      leftAt: at,
    });
  }
  if (event.type === "invite_link.created" || event.type === "invite_link.revoked") {
    const l = event.invite_link;
    updates.inviteLinks.push({
      code: l.code,
      url: l.url,
      groupExternalId: l.group_id ?? (event.type === "invite_link.created" ? event.group?.id : undefined),
      status: event.type === "invite_link.revoked" ? "revoked" : "active",
      seenAt: at,
      postedInGroupExternalId: l.posted_in_group_id,
      postedByExternalId: l.posted_by,
    });
  }
  if (event.type === "invite_link.discovered") {
    // A directory listing is a posting too (issue 10): the crawler's found_on page.
    const l = event.invite_link;
    updates.inviteLinks.push({
      code: l.code,
      url: l.url,
      groupExternalId: l.group_id ?? event.group?.id,
      seenAt: at,
      directoryUrl: event.discovery.found_on,
      postedInGroupExternalId: l.posted_in_group_id,
      postedByExternalId: l.posted_by,
    });
  }
  return updates;
}
