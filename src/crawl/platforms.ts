/**
 * The messengers whose invite links the crawler recognises, and what one
 * discovered link is. Platform names are the `platform` of the events the
 * crawler submits, so they match what each platform's own integration sends.
 */
export const INVITE_PLATFORMS = [
  "whatsapp",
  "telegram",
  "signal",
  "discord",
  "matrix",
  "viber",
  "line",
] as const;
export type InvitePlatform = (typeof INVITE_PLATFORMS)[number];

/** An invite link in canonical form: two spellings of one link have the same platform and code. */
export interface InviteLink {
  platform: InvitePlatform;
  /**
   * The platform's invite code, or the public name the link opens. Telegram
   * private links keep their leading "+"; kinds of link that share a platform
   * carry a prefix: WhatsApp channels "channel/<id>", Viber "g2=<token>" or
   * "g=<token>", LINE "g/<code>" (group) or "g2/<code>" (OpenChat).
   */
  code: string;
  /** The one URL Vigil uses for this link. */
  url: string;
}

export function inviteKey(link: Pick<InviteLink, "platform" | "code">): string {
  return `${link.platform}:${link.code}`;
}
