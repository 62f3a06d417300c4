/**
 * Finds invite links in free text (after undisguising it) and in hrefs, and
 * returns each distinct link once, canonical, in order of first appearance.
 */
import { canonicalInviteLink } from "./canonical-link.js";
import { type InviteLink, inviteKey } from "./platforms.js";
import { undisguise } from "./undisguise.js";

const INVITE_HOSTS = String.raw`(?:chat\.whatsapp\.com|t\.me|telegram\.(?:me|dog)|signal\.group|discord\.gg|discord(?:app)?\.com/invite|matrix\.to)`;
const CANDIDATE = new RegExp(String.raw`(?:(?:https?|tg)://)?(?:www\.)?${INVITE_HOSTS}/[^\s"'<>\\]*`, "gi");
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"»…]+$/;

/** Invite links written in text, disguised or not. */
export function inviteLinksInText(text: string): InviteLink[] {
  const found: InviteLink[] = [];
  const plain = undisguise(text);
  for (const match of plain.matchAll(CANDIDATE)) {
    // The host must start a word: "notchat.whatsapp.com" is another site.
    const before = match.index > 0 ? plain[match.index - 1] : "";
    if (before && /[A-Za-z0-9.-]/.test(before)) continue;
    const link = canonicalInviteLink(match[0].replace(TRAILING_PUNCTUATION, ""));
    if (link) found.push(link);
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
