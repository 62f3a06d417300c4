/**
 * `POST /v1/events`: the contract platforms integrate against (README "Public
 * contract"). One strict schema per event type, so a missing subject or a
 * misspelt field is refused with its path rather than silently dropped.
 */
import { z } from "zod";
import { EVENT_TYPES } from "./events.js";
import { Photo } from "./photo-schema.js";
import { REPORT_SOURCES } from "./report-reasons.js";
import { SUBJECT_TYPES } from "./subjects.js";

export const PlatformId = z.string().min(1).max(256);
export const Platform = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, "lower-case letters, digits, '_', '.', '-'; at most 40");

export const GroupFields = z.strictObject({
  id: PlatformId,
  name: z.string().max(2000).optional(),
  description: z.string().max(20000).optional(),
  photo: Photo.optional(),
  admins: z.array(PlatformId).max(10000).optional(),
});

export const AccountFields = z.strictObject({
  id: PlatformId,
  /** E.164; stored encrypted. */
  phone: z
    .string()
    .regex(/^\+[1-9][0-9]{6,14}$/, "E.164, e.g. +15551234567")
    .optional(),
  name: z.string().max(2000).optional(),
  photo: Photo.optional(),
  /** Network expansion (issue 10), where the platform supplies them: when the account was made, */
  created_at: z.iso.datetime({ offset: true }).optional(),
  /** an opaque device token (the platform's, pseudonymous), */
  device_id: z.string().min(1).max(200).optional(),
  /** and the number's country and carrier prefix only (derived from `phone` when absent). */
  phone_prefix: z
    .string()
    .regex(/^\+[1-9][0-9]{0,6}$/, "country and carrier prefix, e.g. +4917")
    .optional(),
});

export const InviteLinkFields = z.strictObject({
  code: PlatformId,
  url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
  group_id: PlatformId.optional(),
  /** Where the link was posted: in this group (issue 10's graph), by this account. */
  posted_in_group_id: PlatformId.optional(),
  posted_by: PlatformId.optional(),
});

export const MembershipFields = z.strictObject({
  role: z.enum(["admin", "member"]).optional(),
  inviter_id: PlatformId.optional(),
  /** The invite link's code the member joined through. */
  invite_code: PlatformId.optional(),
});

export const ReportFields = z.strictObject({
  source: z.enum(REPORT_SOURCES).default("user"),
  reporter: z.record(z.string(), z.unknown()).optional(),
  subject: z.strictObject({ type: z.enum(SUBJECT_TYPES), id: PlatformId }),
  reason: z.string().min(1).max(200),
  text: z.string().max(20000).optional(),
  language: z.string().max(35).optional(),
  attachments: z.array(z.string().min(1).max(100)).max(100).optional(),
});

/** Where the crawler found a link and what the directory and the preview page said (issue 7). */
export const DiscoveryFields = z.strictObject({
  /** The configured crawl source. */
  source: z.string().min(1).max(200),
  found_on: z.url({ protocol: /^https?$/ }).max(2048),
  /** The directory's own category, title and description for the listing. */
  category: z.string().max(200).optional(),
  title: z.string().max(500).optional(),
  description: z.string().max(2000).optional(),
  /** Members the public preview page showed. */
  member_count: z.int().min(0).optional(),
  liveness: z.enum(["alive", "full", "revoked", "unknown"]).optional(),
});

const common = {
  id: z.string().min(1).max(200),
  occurred_at: z.iso.datetime({ offset: true }),
  platform: Platform,
  data: z.record(z.string(), z.unknown()).optional(),
};

export const PlatformEvent = z.discriminatedUnion("type", [
  z.strictObject({ ...common, type: z.literal("group.created"), group: GroupFields }),
  z.strictObject({ ...common, type: z.literal("group.updated"), group: GroupFields }),
  z.strictObject({
    ...common,
    type: z.literal("group.member_joined"),
    group: GroupFields,
    account: AccountFields,
    membership: MembershipFields.optional(),
  }),
  z.strictObject({
    ...common,
    type: z.literal("group.member_left"),
    group: GroupFields,
    account: AccountFields,
  }),
  z.strictObject({ ...common, type: z.literal("account.updated"), account: AccountFields }),
  z.strictObject({
    ...common,
    type: z.literal("invite_link.created"),
    invite_link: InviteLinkFields,
    group: GroupFields.optional(),
  }),
  z.strictObject({ ...common, type: z.literal("invite_link.revoked"), invite_link: InviteLinkFields }),
  z.strictObject({
    ...common,
    type: z.literal("invite_link.discovered"),
    invite_link: InviteLinkFields,
    /** The preview page's group: og:title as name, og:description, og:image as photo. */
    group: GroupFields.optional(),
    discovery: DiscoveryFields,
  }),
  z.strictObject({ ...common, type: z.literal("report.created"), report: ReportFields }),
]);
export type PlatformEvent = z.infer<typeof PlatformEvent>;

/** Requests larger than this many events are refused whole (split them). */
export const MAX_EVENTS_PER_REQUEST = 1000;

export const EventBatch = z.strictObject({
  events: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_REQUEST),
});

export const EventStatus = z.object({
  id: z.string(),
  status: z.enum(["accepted", "duplicate"]),
  seq: z.number().optional(),
});

export const EventBatchResult = z.object({ results: z.array(EventStatus) });

export function isKnownEventType(type: unknown): boolean {
  return typeof type === "string" && (EVENT_TYPES as readonly string[]).includes(type);
}
