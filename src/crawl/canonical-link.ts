/**
 * One invite URL, however it was spelt, to its canonical form (or null when it
 * is not an invite link). Hosts are case-insensitive; codes are case-sensitive
 * on WhatsApp, Telegram (private), Signal and Discord, so they are kept as
 * found. Public Telegram usernames are case-insensitive and are lower-cased.
 */
import type { InviteLink } from "./platforms.js";

const WHATSAPP_CODE = /^[A-Za-z0-9]{16,32}$/;
const TELEGRAM_PRIVATE = /^[A-Za-z0-9_-]{10,64}$/;
/** Telegram usernames: 5-32 letters, digits and underscores, starting with a letter. */
const TELEGRAM_NAME = /^[A-Za-z][A-Za-z0-9_]{4,31}$/;
/** Paths on t.me that are features, not groups or channels. */
const TELEGRAM_RESERVED = new Set([
  "share",
  "addstickers",
  "addemoji",
  "addtheme",
  "proxy",
  "socks",
  "login",
  "setlanguage",
  "confirmphone",
  "iv",
  "contact",
]);
const DISCORD_CODE = /^[A-Za-z0-9-]{2,32}$/;
/** Signal group links carry the group's master key, base64url, in the fragment. */
const SIGNAL_FRAGMENT = /^[A-Za-z0-9_\-=+/%]{20,600}$/;
/** Matrix room aliases (#room:server) and ids (!id:server), also users (@u:server) for completeness. */
const MATRIX_ID = /^[#!][^\s:/]{1,255}:[A-Za-z0-9.-]+(:[0-9]{1,5})?$/;

function segments(url: URL): string[] {
  return url.pathname.split("/").filter((s) => s.length > 0);
}

function whatsapp(url: URL): InviteLink | null {
  const [code] = segments(url);
  if (!code || !WHATSAPP_CODE.test(code)) return null;
  return { platform: "whatsapp", code, url: `https://chat.whatsapp.com/${code}` };
}

function telegram(url: URL): InviteLink | null {
  const parts = segments(url);
  let first = parts[0];
  if (first === "s") first = parts[1]; // t.me/s/<name> is the web preview of a public channel
  if (!first) return null;
  if (first === "joinchat" && parts[1] && TELEGRAM_PRIVATE.test(parts[1])) {
    return { platform: "telegram", code: `+${parts[1]}`, url: `https://t.me/+${parts[1]}` };
  }
  // URL parsing may have turned "+" into a space only in queries; in paths it stays, or arrives as %2B.
  const decoded = first.replace(/^%2B/i, "+");
  if (decoded.startsWith("+") && TELEGRAM_PRIVATE.test(decoded.slice(1))) {
    return { platform: "telegram", code: decoded, url: `https://t.me/${decoded}` };
  }
  const name = decoded.toLowerCase();
  if (!TELEGRAM_NAME.test(decoded) || TELEGRAM_RESERVED.has(name) || name.endsWith("bot")) return null;
  return { platform: "telegram", code: name, url: `https://t.me/${name}` };
}

function signal(url: URL): InviteLink | null {
  const fragment = url.hash.replace(/^#/, "");
  if (!SIGNAL_FRAGMENT.test(fragment)) return null;
  return { platform: "signal", code: fragment, url: `https://signal.group/#${fragment}` };
}

function discord(url: URL, host: string): InviteLink | null {
  const parts = segments(url);
  const code = host === "discord.gg" ? parts[0] : parts[0] === "invite" ? parts[1] : undefined;
  if (!code || !DISCORD_CODE.test(code)) return null;
  return { platform: "discord", code, url: `https://discord.gg/${code}` };
}

function matrix(url: URL): InviteLink | null {
  // matrix.to/#/%23room:server and matrix.to/#/#room:server are the same room; a trailing ?via= is routing only.
  const fragment = decodeURIComponent(url.hash.replace(/^#\/?/, "")).split("?")[0];
  const [id] = fragment.split("/");
  if (!id || !MATRIX_ID.test(id)) return null;
  const colon = id.indexOf(":");
  const canonical = `${id.slice(0, colon)}:${id.slice(colon + 1).toLowerCase()}`;
  return { platform: "matrix", code: canonical, url: `https://matrix.to/#/${canonical}` };
}

/** Parses `text` as a URL, adding https:// when a bare host was written ("t.me/x"). */
function parse(text: string): URL | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    return new URL(withScheme);
  } catch {
    return null;
  }
}

export function canonicalInviteLink(text: string): InviteLink | null {
  const url = parse(text.trim());
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:" && url.protocol !== "tg:")) return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  switch (host) {
    case "chat.whatsapp.com":
      return whatsapp(url);
    case "t.me":
    case "telegram.me":
    case "telegram.dog":
      return telegram(url);
    case "signal.group":
      return signal(url);
    case "discord.gg":
    case "discord.com":
    case "discordapp.com":
      return discord(url, host);
    case "matrix.to":
      return matrix(url);
    default:
      return null;
  }
}
