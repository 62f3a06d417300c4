/**
 * Where each platform shows a public preview of an invite link, and how its
 * page says "no such group". Base URLs are configurable per platform
 * (VIGIL_PREVIEW_BASE_WHATSAPP=http://127.0.0.1:…, and so on) so tests and
 * mirrors stand in for the real hosts. Signal and Matrix have no server-side
 * preview (Signal's group key is in the URL fragment, which is never sent;
 * matrix.to renders in the browser), so they resolve only through a base
 * someone configures. WhatsApp (groups and channels), Viber and LINE show
 * their preview at the link itself.
 */
import { INVITE_PLATFORMS, type InviteLink, type InvitePlatform } from "../platforms.js";

export interface PreviewSource {
  /** Null when the platform has no public preview page to read. */
  defaultBase: string | null;
  /**
   * The platform's own preview page is the canonical link itself (its kinds of
   * link live on different hosts or in a query); a configured base still gets
   * `<base>/<code>`.
   */
  previewIsLink?: boolean;
  /** og:title values that are the platform's own name, shown when the link leads nowhere. */
  genericTitle: RegExp;
}

export const PREVIEW_SOURCES: Record<InvitePlatform, PreviewSource> = {
  whatsapp: {
    defaultBase: "https://chat.whatsapp.com",
    previewIsLink: true,
    genericTitle: /^WhatsApp( Group Invite| Channel)?$/i,
  },
  telegram: {
    defaultBase: "https://t.me",
    genericTitle: /^(Telegram( Messenger)?|Join group chat on Telegram)$/i,
  },
  discord: { defaultBase: "https://discord.com/invite", genericTitle: /^Discord( - .*)?$/i },
  signal: { defaultBase: null, genericTitle: /^Signal$/i },
  matrix: { defaultBase: null, genericTitle: /^(Matrix|matrix\.to)$/i },
  viber: {
    defaultBase: "https://invite.viber.com",
    previewIsLink: true,
    genericTitle: /^(Rakuten )?Viber$/i,
  },
  line: { defaultBase: "https://line.me", previewIsLink: true, genericTitle: /^LINE( OpenChat)?$/i },
};

export type PreviewBases = Record<InvitePlatform, string | null>;

/** The base per platform: VIGIL_PREVIEW_BASE_<PLATFORM> when set, else the platform's own host. */
export function previewBases(env: Readonly<Record<string, string | undefined>>): PreviewBases {
  const bases = {} as PreviewBases;
  for (const platform of INVITE_PLATFORMS) {
    const configured = env[`VIGIL_PREVIEW_BASE_${platform.toUpperCase()}`];
    bases[platform] = configured ? configured.replace(/\/+$/, "") : PREVIEW_SOURCES[platform].defaultBase;
  }
  return bases;
}

/**
 * The preview page for one link: the link itself on platforms whose preview it
 * is, else base + "/" + code ("+" of Telegram private codes and the "/" of
 * prefixed codes kept, the rest escaped).
 */
export function previewUrl(
  bases: PreviewBases,
  link: Pick<InviteLink, "platform" | "code" | "url">,
): string | null {
  const source = PREVIEW_SOURCES[link.platform];
  const base = bases[link.platform];
  if (!base) return null;
  if (source.previewIsLink && base === source.defaultBase && link.url) return link.url;
  const path = link.code
    .split("/")
    .map((part) =>
      part.startsWith("+") ? `+${encodeURIComponent(part.slice(1))}` : encodeURIComponent(part),
    )
    .join("/");
  return `${base}/${path}`;
}
