/**
 * Search (issue 16, point 2), shared by `GET /v1/search`, the console and the
 * CLI: the query read every way it can be (interpret-query.ts), exact keys
 * first (phone keyed hash, ids, invite links, hashes, case ids, references,
 * notes), then name fragments, paged by offset; each result is a subject with
 * what matched, its name, its enforcement state and its undecided cases.
 */
import type {
  InterpretationView,
  SearchMatchView,
  SearchQuery,
  SearchResponseView,
  SearchResultView,
} from "../api/search-views.js";
import { caseListItem, type Viewer } from "../review/case-list-view.js";
import { enforcementBySubject, subjectStatusView } from "../review/enforcement-state.js";
import type { CaseListRepository } from "../store/repositories/case-list-repository.js";
import { type EnforcementRepository, subjectKey } from "../store/repositories/enforcement-repository.js";
import type { SearchHit, SearchRepository } from "../store/repositories/search-repository.js";
import { likeFragment } from "./fold-text.js";
import { interpretQuery, linkOf } from "./interpret-query.js";

export interface SearchDeps {
  search: SearchRepository;
  caseLists: CaseListRepository;
  enforcement: EnforcementRepository;
  phoneKey(e164: string): string;
  country: string;
}

/** Hashes of an uploaded image, searched as if typed. */
export interface ImageHashes {
  pdq: string | null;
  md5: string;
  sha256: string;
}

const keyOf = (h: SearchHit) => subjectKey(h.platform, h.type, h.id);

export class SearchService {
  constructor(private readonly deps: SearchDeps) {}

  async search(query: SearchQuery, viewer: Viewer): Promise<SearchResponseView> {
    const interpretations = interpretQuery(query.q, query.kind, this.deps.country);
    return this.run(interpretations, query, viewer);
  }

  async searchImage(
    hashes: ImageHashes,
    options: Omit<SearchQuery, "q" | "kind">,
    viewer: Viewer,
  ): Promise<SearchResponseView> {
    const interpretations: InterpretationView[] = [
      ...(hashes.pdq ? [{ kind: "pdq" as const, value: hashes.pdq, platform: null }] : []),
      { kind: "md5", value: hashes.md5, platform: null },
      { kind: "sha256", value: hashes.sha256, platform: null },
    ];
    return this.run(interpretations, { ...options, q: "", kind: "hash" }, viewer);
  }

  private async exactHits(i: InterpretationView, q: SearchQuery): Promise<SearchHit[]> {
    const s = this.deps.search;
    switch (i.kind) {
      case "phone":
        return s.phone(this.deps.phoneKey(i.value), i.value, q.platform);
      case "account_id":
        return s.externalId(i.value, q.platform);
      case "group_id":
        return []; // externalId answers groups too (account_id's query)
      case "invite_link": {
        const link = linkOf(i);
        return link ? s.inviteLink(link.platform, link.code) : [];
      }
      case "md5":
      case "sha256":
        return s.digest(i.kind, i.value, q.platform);
      case "pdq":
        return s.pdq(i.value, q.radius, q.platform);
      case "case_id":
        return s.caseId(Number(i.value));
      case "reference":
        return s.reference(i.value);
      case "note":
        return s.notes(likeFragment(i.value), 50);
      case "name":
        return [];
    }
  }

  private async hitsOf(interpretations: InterpretationView[], q: SearchQuery): Promise<SearchHit[]> {
    return (await Promise.all(interpretations.map((i) => this.exactHits(i, q)))).flat();
  }

  private async run(read: InterpretationView[], q: SearchQuery, viewer: Viewer): Promise<SearchResponseView> {
    // A query that could be an id is searched as an id first; only when no subject has that
    // id is it also a name or note fragment (in auto mode): a trigram scan for "a-5000" costs
    // tens of milliseconds at a million accounts and finds nothing the id did not.
    const isFragment = (i: InterpretationView) => i.kind === "name" || i.kind === "note";
    const idFirst = q.kind === "auto" && read.some((i) => i.kind === "account_id");
    let interpretations = idFirst ? read.filter((i) => !isFragment(i)) : read;
    let exact = await this.hitsOf(interpretations, q);
    if (idFirst && exact.length === 0) {
      interpretations = read;
      exact = await this.hitsOf(read.filter(isFragment), q);
    }
    const grouped = new Map<string, SearchHit[]>();
    for (const hit of exact) grouped.set(keyOf(hit), [...(grouped.get(keyOf(hit)) ?? []), hit]);
    const exactKeys = [...grouped.keys()];
    const page = exactKeys.slice(q.offset, q.offset + q.limit);
    let more = exactKeys.length > q.offset + q.limit;
    const name = interpretations.find((i) => i.kind === "name");
    if (name && page.length < q.limit) {
      const skip = Math.max(0, q.offset - exactKeys.length);
      const room = q.limit - page.length;
      const named = await this.deps.search.names(likeFragment(name.value), skip, room, q.platform);
      more = more || named.length > room;
      for (const hit of named.slice(0, room)) {
        const key = keyOf(hit);
        if (!grouped.has(key)) page.push(key);
        grouped.set(key, [...(grouped.get(key) ?? []), hit]);
      }
    }
    return {
      interpretations,
      results: await this.enrich(page, grouped, viewer),
      offset: q.offset,
      limit: q.limit,
      next_offset: more ? q.offset + q.limit : null,
    };
  }

  private async enrich(
    keys: string[],
    grouped: Map<string, SearchHit[]>,
    viewer: Viewer,
  ): Promise<SearchResultView[]> {
    const caseIds = keys.flatMap((k) => (grouped.get(k) ?? []).flatMap((h) => (h.caseId ? [h.caseId] : [])));
    const [labels, facts, open, named] = await Promise.all([
      this.deps.search.labels(keys),
      this.deps.enforcement.forSubjects(keys),
      this.deps.caseLists.forSubjects(keys, true),
      this.deps.caseLists.byIds(caseIds),
    ]);
    const states = enforcementBySubject(facts);
    const cases = new Map<string, typeof open>();
    for (const row of [...open, ...named]) {
      const key = subjectKey(row.platform, row.subjectType, row.subjectId);
      const list = cases.get(key) ?? [];
      if (!list.some((c) => c.id === row.id)) list.push(row);
      cases.set(key, list);
    }
    return keys.map((key) => {
      const [platform, type, id] = key.split("\n");
      const hits = grouped.get(key) ?? [];
      const info = labels.get(key);
      const matches: SearchMatchView[] = [];
      for (const h of hits) {
        if (!matches.some((m) => m.field === h.field && m.value === h.value))
          matches.push({ field: h.field as SearchMatchView["field"], value: h.value, distance: h.distance });
      }
      const kind =
        type === "group"
          ? "group_id"
          : type === "account"
            ? "account_id"
            : type === "invite_link"
              ? "invite_link"
              : "sha256";
      return {
        subject: { platform, type: type as SearchResultView["subject"]["type"], id },
        label: info?.label ?? null,
        description: info?.description ?? null,
        status: subjectStatusView(states.get(key), info?.linkStatus ?? null),
        matches,
        cases: (cases.get(key) ?? []).map((row) => caseListItem(row, viewer)),
        terms: type === "media" ? [] : [{ kind, value: id, q: id }],
      };
    });
  }
}
