/**
 * The messengers whose invite links the crawler recognises, and what one
 * discovered link is. Platform names are the `platform` of the events the
 * crawler submits, so they match what each platform's own integration sends.
 */
export const INVITE_PLATFORMS = ["whatsapp", "telegram", "signal", "discord", "matrix"] as const;
export type InvitePlatform = (typeof INVITE_PLATFORMS)[number];

/** An invite link in canonical form: two spellings of one link have the same platform and code. */
export interface InviteLink {
  platform: InvitePlatform;
  /** The platform's invite code (Telegram private links keep their leading "+"). */
  code: string;
  /** The one URL Vigil uses for this link. */
  url: string;
}

export function inviteKey(link: Pick<InviteLink, "platform" | "code">): string {
  return `${link.platform}:${link.code}`;
}
