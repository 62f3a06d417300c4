/**
 * What the platform shows Vigil of its users and groups, keyed by the
 * platform's own ids: accounts, groups with their history, memberships,
 * invite links, and media (hashes always; the encrypted blob when uploaded).
 */
import {
  bigint,
  bigserial,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { at, createdAt } from "./timestamps.js";

export const MEMBER_ROLES = ["admin", "member"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const INVITE_LINK_STATUSES = ["active", "revoked", "dead"] as const;
export type InviteLinkStatus = (typeof INVITE_LINK_STATUSES)[number];

export const MEDIA_KINDS = ["image", "video"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** A photo as an event gave it: Vigil's media id and/or the hashes. */
export interface PhotoRef {
  mediaId?: string;
  pdq?: string;
  quality?: number;
  md5?: string;
  sha256?: string;
  url?: string;
}

export const accounts = pgTable(
  "accounts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    platform: text("platform").notNull(),
    externalId: text("external_id").notNull(),
    /** E.164, AES-GCM encrypted with the data key (personal data at rest). */
    phoneEncrypted: text("phone_encrypted"),
    name: text("name"),
    photo: jsonb("photo").$type<PhotoRef>(),
    createdAt: createdAt(),
    updatedAt: at("updated_at").notNull().defaultNow(),
    // Network expansion (migration 0006): see tables/expansion.ts.
    platformCreatedAt: at("platform_created_at"),
    deviceId: text("device_id"),
    /** Country and carrier prefix only (`+4917`), never the full number. */
    phonePrefix: text("phone_prefix"),
    photoSha256: text("photo_sha256"),
    photoPdq: text("photo_pdq"),
    /** Kept by a trigger from ban_account / unban_account actions. */
    bannedAt: at("banned_at"),
    /** Migration 0019: HMAC-SHA256 of the E.164 number under a key derived from the data key (search/phone-key.ts). */
    phoneKey: text("phone_key"),
    /** The name folded for search (search/fold-text.ts), trigram-indexed. */
    searchName: text("search_name"),
  },
  (t) => [uniqueIndex("accounts_platform_external").on(t.platform, t.externalId)],
);

export const groups = pgTable(
  "groups",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    platform: text("platform").notNull(),
    externalId: text("external_id").notNull(),
    name: text("name"),
    description: text("description"),
    photo: jsonb("photo").$type<PhotoRef>(),
    createdAt: createdAt(),
    updatedAt: at("updated_at").notNull().defaultNow(),
    /** Kept by triggers: a disable_group action confirms, a case on the group flags (migration 0006). */
    confirmedAt: at("confirmed_at"),
    flaggedAt: at("flagged_at"),
    /** Migration 0019: name and description folded for search (search/fold-text.ts), trigram-indexed. */
    searchName: text("search_name"),
    searchDescription: text("search_description"),
  },
  (t) => [uniqueIndex("groups_platform_external").on(t.platform, t.externalId)],
);

/** Every name, description and photo a group was seen with, and by which event. */
export const groupRevisions = pgTable("group_revisions", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  groupId: bigint("group_id", { mode: "number" }).notNull(),
  eventSeq: bigint("event_seq", { mode: "number" }),
  name: text("name"),
  description: text("description"),
  photo: jsonb("photo").$type<PhotoRef>(),
  observedAt: at("observed_at").notNull(),
});

export const memberships = pgTable(
  "memberships",
  {
    groupId: bigint("group_id", { mode: "number" }).notNull(),
    accountId: bigint("account_id", { mode: "number" }).notNull(),
    role: text("role").$type<MemberRole>().notNull().default("member"),
    inviterAccountId: bigint("inviter_account_id", { mode: "number" }),
    joinedAt: at("joined_at"),
    leftAt: at("left_at"),
    /** The invite link the member joined through, when the platform says (migration 0006). */
    inviteLinkId: bigint("invite_link_id", { mode: "number" }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.accountId] })],
);

export const inviteLinks = pgTable(
  "invite_links",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    platform: text("platform").notNull(),
    code: text("code").notNull(),
    url: text("url"),
    groupId: bigint("group_id", { mode: "number" }),
    status: text("status").$type<InviteLinkStatus>().notNull().default("active"),
    firstSeenAt: at("first_seen_at").notNull().defaultNow(),
    lastSeenAt: at("last_seen_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("invite_links_platform_code").on(t.platform, t.code)],
);

export const media = pgTable("media", {
  /** Public id (`m_…`), random: it reveals nothing about the content. */
  id: text("id").primaryKey(),
  sha256: text("sha256"),
  md5: text("md5"),
  pdq: text("pdq"),
  pdqQuality: integer("pdq_quality"),
  mime: text("mime"),
  size: bigint("size", { mode: "number" }),
  /** The encrypted blob in the media vault; null when only hashes were sent. */
  blobRef: text("blob_ref"),
  source: text("source").notNull(),
  /** The file name an upload arrived with (NCMEC's originalFileName); null for URLs and hashes. */
  originalName: text("original_name"),
  createdAt: createdAt(),
  /** Migration 0012: image or video, from the magic bytes; the console picks its player by it. */
  kind: text("kind").$type<MediaKind>().notNull().default("image"),
  /** vPDQ of a video, one `frame,quality,pdqHex,seconds` line per hashed frame; null for images. */
  vpdq: text("vpdq"),
});
