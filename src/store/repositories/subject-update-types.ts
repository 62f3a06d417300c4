/**
 * What a batch of events says about groups, accounts, memberships and invite links: the rows
 * the subject writer (subject-writer.ts) and the link graph writer (link-graph-writer.ts)
 * upsert. Types only, so both writers share them without importing each other.
 */
import type { InviteLinkStatus, MemberRole, PhotoRef } from "../schema.js";

export interface GroupUpdate {
  externalId: string;
  name?: string;
  description?: string;
  photo?: PhotoRef;
  /** Name and description folded for search (search/fold-text.ts), set with them. */
  searchName?: string;
  searchDescription?: string;
  /** Record a revision (name/description/photo as seen) for the group's history. */
  revision?: { eventSeq: number; observedAt: Date };
}

export interface AccountUpdate {
  externalId: string;
  name?: string;
  phoneEncrypted?: string;
  /** Keyed hash of the E.164 number (search/phone-key.ts), set with phoneEncrypted. */
  phoneKey?: string;
  /** The name folded for search. */
  searchName?: string;
  photo?: PhotoRef;
  /** Network expansion (issue 10): the platform's creation time, device token, number prefix. */
  platformCreatedAt?: Date;
  deviceId?: string;
  phonePrefix?: string;
}

export interface MembershipUpdate {
  groupExternalId: string;
  accountExternalId: string;
  role?: MemberRole;
  inviterExternalId?: string;
  /** The invite link the member joined through. */
  inviteCode?: string;
  joinedAt?: Date;
  leftAt?: Date;
}

export interface InviteLinkUpdate {
  code: string;
  url?: string;
  groupExternalId?: string;
  status?: InviteLinkStatus;
  seenAt: Date;
  /** Where it was posted (issue 10): in a group, by an account, or listed on a directory page. */
  postedInGroupExternalId?: string;
  postedByExternalId?: string;
  directoryUrl?: string;
}

export interface SubjectUpdates {
  platform: string;
  groups: GroupUpdate[];
  accounts: AccountUpdate[];
  memberships: MembershipUpdate[];
  inviteLinks: InviteLinkUpdate[];
}
