/**
 * Telegram's group and channel links, after Telegram's deep-link documentation
 * (core.telegram.org/api/links): public usernames (`t.me/<name>`, also on
 * telegram.me and telegram.dog, `<name>.t.me`, `tg://resolve?domain=<name>`,
 * message and story links inside a public chat, `t.me/s/<name>` previews) and
 * private invites (`t.me/+<hash>`, `t.me/joinchat/<hash>`, `tg://join?invite=<hash>`).
 * Usernames are case-insensitive and lower-cased; invite hashes are kept as found.
 * Everything else t.me serves (sharing, sticker sets, proxies, phone numbers,
 * bots, private `c/` message links, folders, invoices...) opens no group.
 */
import type { InviteLink } from "../platforms.js";

/** Invite hashes: base64url, 16 bytes or more in practice. */
const INVITE_HASH = /^[A-Za-z0-9_-]{10,64}$/;
/** Phone number links (`t.me/+<digits>`) open a person, not a group. */
const PHONE = /^\d{5,16}$/;
/**
 * Usernames: a letter first, then letters, digits and single underscores, not
 * ending in one; 5 to 32 characters, 4 for collectible names.
 */
const USERNAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*[A-Za-z0-9]$/;

/**
 * First path segments (and `<name>.t.me` subdomains) that are Telegram features:
 * the documentation's list of disallowed subdomains plus paths it documents
 * for other link types.
 */
const RESERVED = new Set([
  "addemoji",
  "addlist",
  "addstickers",
  "addstyle",
  "addtheme",
  "auction",
  "auth",
  "bg",
  "boost",
  "c",
  "call",
  "confirmphone",
  "contact",
  "dl",
  "giftcode",
  "invoice",
  "iv",
  "joinchat",
  "login",
  "m",
  "msg",
  "msg_url",
  "nft",
  "proxy",
  "s",
  "setlanguage",
  "share",
  "socks",
  "web",
  "www",
  "a",
  "k",
  "z",
]);

/** Query parameters that make a username link open a bot (start, games, mini apps, admin rights). */
const BOT_PARAMETERS = ["start", "startgroup", "startchannel", "startapp", "game", "appname", "admin"];

export const TELEGRAM_HOSTS = new Set(["t.me", "telegram.me", "telegram.dog"]);

function publicChat(name: string, query: URLSearchParams): InviteLink | null {
  if (name.length < 4 || name.length > 32 || !USERNAME.test(name)) return null;
  const lower = name.toLowerCase();
  if (RESERVED.has(lower) || lower.endsWith("bot") || lower === "telegrampassport") return null;
  if (BOT_PARAMETERS.some((p) => query.has(p))) return null;
  return { platform: "telegram", code: lower, url: `https://t.me/${lower}` };
}

function privateInvite(hash: string): InviteLink | null {
  if (!INVITE_HASH.test(hash) || PHONE.test(hash)) return null;
  return { platform: "telegram", code: `+${hash}`, url: `https://t.me/+${hash}` };
}

/** A chat's own path: nothing after the name, a message (`/<id>`, `/<thread>/<id>`) or a story (`/s/<id>`). */
function isChatPath(rest: string[]): boolean {
  if (rest.length === 0) return true;
  if (rest[0] === "s") return rest.length === 2 && /^\d+$/.test(rest[1]);
  return rest.length <= 2 && rest.every((part) => /^\d+$/.test(part));
}

function fromPath(parts: string[], query: URLSearchParams): InviteLink | null {
  const [first, ...rest] = parts;
  if (!first) return null;
  if (first === "s") return rest.length >= 1 && isChatPath(rest.slice(1)) ? publicChat(rest[0], query) : null;
  if (first.toLowerCase() === "joinchat") return rest.length === 1 ? privateInvite(rest[0]) : null;
  // "+" stays "+" in a path; it may also arrive percent-encoded.
  const decoded = first.replace(/^%2B/i, "+");
  if (decoded.startsWith("+")) return rest.length === 0 ? privateInvite(decoded.slice(1)) : null;
  return isChatPath(rest) ? publicChat(first, query) : null;
}

function segments(pathname: string): string[] {
  return pathname.split("/").filter((s) => s.length > 0);
}

/** `t.me/...`, `telegram.me/...`, `telegram.dog/...` and `<name>.t.me/...`; null for other hosts too. */
export function telegramWebLink(url: URL, host: string): InviteLink | null {
  if (TELEGRAM_HOSTS.has(host)) return fromPath(segments(url.pathname), url.searchParams);
  if (!host.endsWith(".t.me")) return null;
  const name = host.slice(0, -".t.me".length);
  if (name.length < 2 || name.includes(".") || RESERVED.has(name)) return null;
  return fromPath([name, ...segments(url.pathname)], url.searchParams);
}

/** `tg://join?invite=<hash>`, `tg://resolve?domain=<name>` (also written `tg:join?...`). */
export function telegramUriLink(url: URL): InviteLink | null {
  const action = (url.hostname || url.pathname).replace(/^\/+|\/+$/g, "").toLowerCase();
  const query = url.searchParams;
  if (action === "join") return privateInvite(query.get("invite") ?? "");
  if (action === "resolve") {
    if (query.has("phone")) return null;
    return publicChat(query.get("domain") ?? "", query);
  }
  return null;
}
