/**
 * Finds invite links in free text (after undisguising it) and in hrefs, and
 * returns each distinct link once, canonical, in order of first appearance.
 */
import { canonicalInviteLink } from "./canonical-link.js";
import { type InviteLink, inviteKey } from "./platforms.js";
import { undisguise } from "./undisguise.js";

/** Web hosts (and paths) that can start an invite link; `<name>.t.me` needs no path. */
const WEB_PREFIXES = [
  String.raw`chat\.whatsapp\.com/`,
  String.raw`whatsapp\.com/channel/`,
  String.raw`t\.me/`,
  String.raw`telegram\.(?:me|dog)/`,
  String.raw`[A-Za-z][A-Za-z0-9_]{1,31}\.t\.me(?![A-Za-z0-9-]|\.[A-Za-z0-9])`,
  String.raw`signal\.group/`,
  String.raw`discord\.gg/`,
  String.raw`(?:(?:ptb|canary)\.)?discord(?:app)?\.com/invite/`,
  String.raw`matrix\.to/`,
  String.raw`app\.element\.io/`,
  String.raw`invite\.viber\.com/`,
  String.raw`line\.me/`,
];
/** App URI schemes, up to the part that says the link opens a group. */
const APP_PREFIXES = [
  String.raw`tg:(?://)?(?:join|resolve)\?`,
  String.raw`sgnl://signal\.group/`,
  "matrix:(?:r|roomid)/",
  "viber://",
  String.raw`whatsapp://chat\?`,
  "line://ti/",
];
const CANDIDATE = new RegExp(
  String.raw`(?:(?:https?://)?(?:www\.)?(?:${WEB_PREFIXES.join("|")})|${APP_PREFIXES.join("|")})[^\s"'<>\\]*`,
  "gi",
);
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"»…]+$/;

function linksIn(text: string, found: InviteLink[]): void {
  for (const match of text.matchAll(CANDIDATE)) {
    // The link must start a word: "notchat.whatsapp.com" and "mydiscord.gg" are other sites.
    const before = match.index > 0 ? text[match.index - 1] : "";
    if (before && /[A-Za-z0-9.-]/.test(before)) continue;
    const link = canonicalInviteLink(match[0].replace(TRAILING_PUNCTUATION, ""));
    if (link) found.push(link);
  }
}

/**
 * Invite links written in text, disguised or not. The text is read twice:
 * undisguised, and as written, because undoing "chat . whatsapp" also glues a
 * link to the sentence after it ("t.me/name. Members: 40" reads as
 * "t.me/name.Members"); the second reading keeps those.
 */
export function inviteLinksInText(text: string): InviteLink[] {
  const found: InviteLink[] = [];
  linksIn(undisguise(text), found);
  linksIn(text.normalize("NFKC"), found);
  return dedupeLinks(found);
}

/**
 * Invite links in an attribute value or a URL's query, also when they were
 * percent-encoded there (`/out?to=https%3A%2F%2Ft.me%2F...`, QR-code image URLs).
 */
export function inviteLinksInEncodedText(text: string): InviteLink[] {
  const links = inviteLinksInText(text);
  if (!text.includes("%")) return links;
  let decoded: string;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    return links;
  }
  return dedupeLinks([...links, ...inviteLinksInText(decoded)]);
}

const BASE64_TOKEN = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;

function decodedPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * Invite links an outbound redirector carries: in its query, percent-encoded
 * (`/out?url=https%3A%2F%2Ft.me%2F...`), or base64-encoded in its path or query
 * (`/go/aHR0cHM6Ly90Lm1lL...`), as directories hide their outbound links.
 */
export function inviteLinksInRedirect(href: string): InviteLink[] {
  const query = href.includes("?") ? href.slice(href.indexOf("?")) : "";
  const found = query ? inviteLinksInEncodedText(query) : [];
  // Path segments and query values, each percent-decoded ("%2F" and "%3D" are how base64 travels in a URL).
  for (const token of href.split(/[/?&#]|=(?!=*(?:[&#]|$))/).map(decodedPart)) {
    if (!BASE64_TOKEN.test(token)) continue;
    const decoded = Buffer.from(token.replaceAll("-", "+").replaceAll("_", "/"), "base64").toString("latin1");
    // Random letters decode to bytes outside printable ASCII; a hidden link does not.
    if (/^[\x20-\x7e]+$/.test(decoded)) found.push(...inviteLinksInText(decoded));
  }
  return dedupeLinks(found);
}

/** One entry per platform and code, the first occurrence kept. */
export function dedupeLinks(links: InviteLink[]): InviteLink[] {
  const seen = new Set<string>();
  return links.filter((link) => {
    const key = inviteKey(link);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
