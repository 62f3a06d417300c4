/**
 * Search's contract (issue 16, point 2): `GET /v1/search` (API key,
 * `cases:read`), `GET /v1/console/search` (signed in, `cases.read`) and the
 * image forms `POST /v1/search/image`, `POST /v1/console/search/image`
 * (multipart field `file`, hashed in memory and never stored). One box: the
 * query is read every way it can be (a phone number, an id, an invite link, a
 * hash, a case id or hotline reference, a name fragment) unless `kind` says
 * which. Changes are additive only.
 */
import { z } from "zod";
import { CaseListItemView, SearchTermView, SubjectRefView, SubjectStatusView } from "./review-views.js";

export const SEARCH_KINDS = ["auto", "phone", "id", "invite_link", "name", "hash", "case", "note"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(2048),
  kind: z.enum(SEARCH_KINDS).default("auto"),
  platform: z.string().min(1).max(40).optional(),
  /** PDQ: Hamming distance accepted (default 31, the matching radius). */
  radius: z.coerce.number().int().min(0).max(128).default(31),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** Multipart image search: the same options as query parameters. */
export const ImageSearchQuery = SearchQuery.omit({ q: true, kind: true });
export type ImageSearchQuery = z.infer<typeof ImageSearchQuery>;

export const INTERPRETATION_KINDS = [
  "phone",
  "account_id",
  "group_id",
  "invite_link",
  "name",
  "pdq",
  "md5",
  "sha256",
  "case_id",
  "reference",
  "note",
] as const;
export type InterpretationKind = (typeof INTERPRETATION_KINDS)[number];

/** How Vigil read the query, so the page can say "searched +447700900123 as a phone number". */
export const InterpretationView = z.object({
  kind: z.enum(INTERPRETATION_KINDS),
  /** The normalised form searched: E.164, a canonical invite URL, lower-case unaccented text, a hash. */
  value: z.string(),
  /** For invite links and ids: the platform the form names, when it names one. */
  platform: z.string().nullable(),
});
export type InterpretationView = z.infer<typeof InterpretationView>;

export const MATCH_FIELDS = [
  "phone",
  "account_id",
  "group_id",
  "invite_code",
  "name",
  "description",
  "group_photo",
  "profile_photo",
  "media",
  "report_attachment",
  "case_id",
  "reference",
  "report_phone",
  "report_link",
  "note",
] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

export const SearchMatchView = z.object({
  field: z.enum(MATCH_FIELDS),
  /** What matched, as shown: the name, the hash, the reference; a phone number only as the caller typed it in q. */
  value: z.string(),
  /** PDQ only: Hamming distance. */
  distance: z.number().nullable(),
});
export type SearchMatchView = z.infer<typeof SearchMatchView>;

export const SearchResultView = z.object({
  subject: SubjectRefView,
  /** A group's or account's name, an invite link's URL, a media id. */
  label: z.string().nullable(),
  description: z.string().nullable(),
  status: SubjectStatusView,
  /** Why this result is here (one subject can match several ways). */
  matches: z.array(SearchMatchView),
  /** The subject's undecided cases (and a case matched by id even when closed), newest first. */
  cases: z.array(CaseListItemView),
  /** Terms on the result the page can link into search (its ids, links). */
  terms: z.array(SearchTermView),
});
export type SearchResultView = z.infer<typeof SearchResultView>;

export const SearchResponseView = z.object({
  interpretations: z.array(InterpretationView),
  results: z.array(SearchResultView),
  offset: z.number(),
  limit: z.number(),
  /** The next page's offset; null on the last page. */
  next_offset: z.number().nullable(),
});
export type SearchResponseView = z.infer<typeof SearchResponseView>;
