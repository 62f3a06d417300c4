/**
 * One invite URL, however it was spelt, to its canonical form (or null when it
 * is not a link that opens a group, channel or room). Hosts and URI schemes
 * are case-insensitive; what each platform's codes and names allow, and which
 * are case-sensitive, is in its module under invite-forms/ (written from the
 * platforms' public documentation of their link forms).
 */
import { discordWebLink } from "./invite-forms/discord.js";
import { lineUriLink, lineWebLink } from "./invite-forms/line.js";
import { matrixUriLink, matrixWebLink } from "./invite-forms/matrix.js";
import { signalLink } from "./invite-forms/signal.js";
import { telegramUriLink, telegramWebLink } from "./invite-forms/telegram.js";
import { viberUriLink, viberWebLink } from "./invite-forms/viber.js";
import { whatsappUriLink, whatsappWebLink } from "./invite-forms/whatsapp.js";
import type { InviteLink } from "./platforms.js";

/** The app URI schemes whose links can open a group. */
const APP_SCHEMES: Record<string, (url: URL) => InviteLink | null> = {
  "tg:": telegramUriLink,
  "matrix:": matrixUriLink,
  "sgnl:": (url) => signalLink(url, url.hostname.toLowerCase()),
  "viber:": viberUriLink,
  "whatsapp:": whatsappUriLink,
  "line:": lineUriLink,
};

const WEB_LINKS: ((url: URL, host: string) => InviteLink | null)[] = [
  whatsappWebLink,
  telegramWebLink,
  signalLink,
  discordWebLink,
  matrixWebLink,
  viberWebLink,
  lineWebLink,
];

const SCHEME = /^(?:https?|tg|matrix|sgnl|viber|whatsapp|line):/i;

/** Parses `text` as a URL, adding https:// when a bare host was written ("t.me/x"). */
function parse(text: string): URL | null {
  try {
    return new URL(SCHEME.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
}

export function canonicalInviteLink(text: string): InviteLink | null {
  const url = parse(text.trim());
  if (!url) return null;
  const protocol = url.protocol.toLowerCase();
  const app = APP_SCHEMES[protocol];
  if (app) return app(url);
  if (protocol !== "https:" && protocol !== "http:") return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  for (const read of WEB_LINKS) {
    const link = read(url, host);
    if (link) return link;
  }
  return null;
}
