/** The platform events Vigil takes on `POST /v1/events` (issue 4's public contract). */
export const EVENT_TYPES = [
  "group.created",
  "group.updated",
  "group.member_joined",
  "group.member_left",
  "account.updated",
  "invite_link.created",
  "invite_link.revoked",
  "invite_link.discovered",
  "report.created",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Where a photo or file in an event sits; rules and signals name fields this way. */
export const MEDIA_FIELDS = ["group.photo", "account.photo", "report.attachment", "media"] as const;
export type MediaField = (typeof MEDIA_FIELDS)[number];

/** Text a platform shows unencrypted; the text signal scores these. */
export const TEXT_FIELDS = ["group.name", "group.description", "account.name", "report.text"] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

/**
 * What processing could not do for an event, kept on it and shown on its
 * subject's cases (issue 17, finding 9): a photo URL refused by the address
 * guard or that failed to fetch or decode leaves the photo unchecked, which a
 * reviewer must be able to see.
 */
export interface EventNote {
  kind: "photo_unavailable";
  field: MediaField;
  url: string;
  /** The media error's code (UrlNotAllowed, UrlUnreachable, UrlHttpError, UrlTimeout, ImageDecodeError, …). */
  code: string;
  message: string;
}
