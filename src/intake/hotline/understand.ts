/**
 * A hotline caller's words as an analyst pastes them (issue 16): invite links
 * in any form the crawler recognises (disguised ones too, by its own
 * extractor), other web addresses kept as given, and phone numbers in any
 * common national or international form, normalised to E.164 with the
 * organisation's country. Pure: resolving them against what Vigil knows is
 * the service's job.
 */
import { canonicalInviteLink } from "../../crawl/canonical-link.js";
import { dedupeLinks, inviteLinksInText } from "../../crawl/extract-links.js";
import type { InviteLink } from "../../crawl/platforms.js";
import { phoneNumbersInText, toE164 } from "../../search/phone-number.js";

export interface CallerWords {
  text: string;
  links: string[];
  phoneNumbers: string[];
}

export interface Understood {
  links: { input: string; link: InviteLink | null }[];
  phones: { input: string; e164: string | null }[];
}

const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"']+/gi;
const LINKISH =
  /\S*(?:whatsapp\.com|t\.me|telegram\.(?:me|dog)|signal\.group|discord(?:app)?\.(?:gg|com)|matrix\.to)\S*/gi;
const TRAILING = /[.,;:!?)\]}'"»…]+$/;

export function understandCallerWords(words: CallerWords, country: string): Understood {
  const links: Understood["links"] = [];
  const typed = words.links.map((input) => ({
    input,
    link: canonicalInviteLink(input) ?? inviteLinksInText(input)[0] ?? null,
  }));
  const inText = inviteLinksInText(words.text);
  const invite = dedupeLinks([...typed.flatMap((t) => (t.link ? [t.link] : [])), ...inText]);
  for (const link of invite) {
    const given = typed.find((t) => t.link?.code === link.code && t.link.platform === link.platform);
    links.push({ input: given?.input ?? link.url, link });
  }
  const seenOther = new Set<string>();
  for (const t of typed) if (!t.link && !seenOther.has(t.input)) seenOther.add(t.input) && links.push(t);
  for (const match of words.text.matchAll(WEB_ADDRESS)) {
    const address = match[0].replace(TRAILING, "");
    if (canonicalInviteLink(address) || seenOther.has(address)) continue;
    seenOther.add(address);
    links.push({ input: address, link: null });
  }

  const phones: Understood["phones"] = [];
  const seen = new Set<string>();
  for (const input of words.phoneNumbers) {
    const e164 = toE164(input, country);
    if (e164 && seen.has(e164)) continue;
    if (e164) seen.add(e164);
    phones.push({ input, e164 });
  }
  // Digits inside links (invite codes, paths) are not phone numbers.
  const withoutLinks = words.text.replace(WEB_ADDRESS, " ").replace(LINKISH, " ");
  for (const found of phoneNumbersInText(withoutLinks, country)) {
    if (seen.has(found.e164)) continue;
    seen.add(found.e164);
    phones.push(found);
  }
  return { links, phones };
}
