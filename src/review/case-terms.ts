/**
 * What on a case page can be clicked into search (issue 16): the subject's
 * ids, its admins and groups, invite links, photo hashes, hotline references,
 * and the links and phone numbers written in its reports (read with the
 * crawler's link recogniser and libphonenumber, numbers shown in E.164).
 */
import type { SearchTermView } from "../api/review-views.js";
import { inviteLinksInText } from "../crawl/extract-links.js";
import { phoneNumbersInText } from "../search/phone-number.js";

export interface CaseTermSources {
  caseId: number;
  subject: { type: string; id: string };
  admins: string[];
  groups: string[];
  inviteLinks: { code: string; url: string | null }[];
  hashes: { md5?: string | null; pdq?: string | null; sha256?: string | null }[];
  references: string[];
  reportTexts: string[];
  country: string;
}

export function caseTerms(s: CaseTermSources): SearchTermView[] {
  const terms: SearchTermView[] = [];
  const seen = new Set<string>();
  const add = (kind: SearchTermView["kind"], value: string, q = value) => {
    const key = `${kind}\n${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    terms.push({ kind, value, q });
  };
  add("case_id", `#${s.caseId}`, String(s.caseId));
  if (s.subject.type === "group") add("group_id", s.subject.id);
  if (s.subject.type === "account") add("account_id", s.subject.id);
  if (s.subject.type === "invite_link") add("invite_link", s.subject.id);
  for (const a of s.admins) add("account_id", a);
  for (const g of s.groups) add("group_id", g);
  for (const l of s.inviteLinks) add("invite_link", l.url ?? l.code, l.url ?? l.code);
  for (const h of s.hashes) {
    if (h.md5) add("md5", h.md5);
    if (h.pdq) add("pdq", h.pdq);
    if (h.sha256) add("sha256", h.sha256);
  }
  for (const r of s.references) add("reference", r);
  for (const text of s.reportTexts) {
    for (const link of inviteLinksInText(text)) add("invite_link", link.url);
    for (const phone of phoneNumbersInText(text, s.country)) add("phone", phone.e164);
  }
  return terms;
}
