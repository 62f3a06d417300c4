/**
 * One search box (issue 16): a query is read every way it can be, so a
 * person types what they have. A case id (`123`, `#123`, `case 123`), a
 * hotline reference (`HL-2026-000123`), a digest (32 hex: MD5; 64 hex: PDQ or
 * SHA-256), an invite link in any form the crawler recognises, a phone
 * number in any common form (E.164 with the organisation's country), a
 * platform id, and a name or note fragment (folded, at least 3 characters).
 */
import type { InterpretationView, SearchKind } from "../api/search-views.js";
import { canonicalInviteLink } from "../crawl/canonical-link.js";
import { inviteLinksInText } from "../crawl/extract-links.js";
import { foldForSearch } from "./fold-text.js";
import { toE164 } from "./phone-number.js";

/** Fragments shorter than this cannot use a trigram index (and match nearly everything). */
export const MIN_FRAGMENT = 3;

export function interpretQuery(q: string, kind: SearchKind, country: string): InterpretationView[] {
  const text = q.trim();
  const out: InterpretationView[] = [];
  const want = (k: SearchKind) => kind === "auto" || kind === k;
  const add = (k: InterpretationView["kind"], value: string, platform: string | null = null) =>
    out.push({ kind: k, value, platform });

  const caseId = /^(?:case\s*)?#?\s*(\d{1,12})$/i.exec(text);
  if (want("case") && caseId) add("case_id", String(Number(caseId[1])));
  const reference = /^HL-\d{4}-\d{1,12}$/i.exec(text);
  if ((want("case") || want("id")) && reference) add("reference", text.toUpperCase());
  if (want("hash")) {
    if (/^[0-9a-f]{32}$/i.test(text)) add("md5", text.toLowerCase());
    if (/^[0-9a-f]{64}$/i.test(text)) {
      add("pdq", text.toLowerCase());
      add("sha256", text.toLowerCase());
    }
  }
  if (want("invite_link")) {
    const link = canonicalInviteLink(text) ?? inviteLinksInText(text)[0];
    if (link) add("invite_link", link.url, link.platform);
  }
  if (want("phone")) {
    const e164 = toE164(text, country);
    if (e164) add("phone", e164);
  }
  if (want("id") && text.length <= 256 && !/\s/.test(text)) {
    add("account_id", text);
    add("group_id", text);
  }
  // A phone number, invite link, hash, case id or reference is that key, not also a name fragment
  // (in auto mode; kind=name still searches it as text).
  const typedKey = out.some((i) => !["account_id", "group_id"].includes(i.kind));
  const folded = foldForSearch(text);
  const fragment = folded.length >= MIN_FRAGMENT && (kind !== "auto" || !typedKey);
  if (want("name") && fragment) add("name", folded);
  if (want("note") && fragment) add("note", folded);
  return out;
}

/** The platform and code of an invite-link interpretation. */
export function linkOf(i: InterpretationView): { platform: string; code: string } | null {
  const link = canonicalInviteLink(i.value);
  return link ? { platform: link.platform, code: link.code } : null;
}
