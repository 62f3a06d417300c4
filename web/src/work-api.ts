/**
 * The console's calls for issue 16: search, case lists, the case workspace (notes, assignment,
 * decisions that say what they skipped, group actions) and hotline intake in the caller's words.
 * Typed by the server's contract (src/api/review-views.ts, search-views.ts, hotline-views.ts).
 */
import type { ConsoleDecisionResultView } from "../../src/api/console-views.js";
import type { HotlineFiledView, HotlineIntakeBody, HotlinePreviewView } from "../../src/api/hotline-views.js";
import type {
  CaseListQuery,
  CaseListView,
  ColleagueView,
  GroupActionsPreviewView,
  GroupActionsResultView,
  NoteView,
  PersonView,
} from "../../src/api/review-views.js";
import type { SearchResponseView } from "../../src/api/search-views.js";
import { answer, type ConsoleCaseView, call, send } from "./api.js";

export type {
  ActionDeliveryView,
  CaseListItemView,
  RelatedCaseView,
  SearchTermView,
} from "../../src/api/review-views.js";
export type { SearchResultView } from "../../src/api/search-views.js";
export type {
  CaseListQuery,
  CaseListView,
  ColleagueView,
  ConsoleDecisionResultView,
  GroupActionsPreviewView,
  HotlineFiledView,
  HotlinePreviewView,
  NoteView,
  SearchResponseView,
};

/** Query strings without empty values. */
export function query(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== "");
  return new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
}

export type HotlineInput = Partial<HotlineIntakeBody> & { reason: string };
type GroupActions = { revoke_invite_links: boolean; ban_admins: boolean };

export const workApi = {
  search: (q: string, offset = 0, limit = 20) =>
    call<SearchResponseView>("GET", `/v1/console/search?${query({ q, offset, limit })}`),
  async searchImage(file: File, offset = 0): Promise<SearchResponseView> {
    const form = new FormData();
    form.append("file", file);
    const res = await send(`/v1/console/search/image?${query({ offset })}`, {
      method: "POST",
      headers: { "x-vigil-console": "1" },
      body: form,
    });
    return answer<SearchResponseView>(res);
  },
  cases: (filter: Partial<Record<keyof CaseListQuery, string | number>>) =>
    call<CaseListView>("GET", `/v1/console/cases?${query(filter)}`),
  colleagues: () => call<{ users: ColleagueView[] }>("GET", "/v1/console/users"),
  addNote: (caseId: number, text: string) =>
    call<{ note: NoteView }>("POST", `/v1/console/cases/${caseId}/notes`, { text }),
  assign: (caseId: number, assignee: string | null) =>
    call<{ case: ConsoleCaseView; assignee: PersonView | null }>(
      "PUT",
      `/v1/console/cases/${caseId}/assignment`,
      { assignee },
    ),
  decide: (caseId: number, actions: string[], reason: string, policy: string) =>
    call<ConsoleDecisionResultView>("POST", `/v1/console/cases/${caseId}/decision`, {
      actions,
      reason,
      policy,
    }),
  groupActionsPreview: (caseId: number, body: GroupActions) =>
    call<GroupActionsPreviewView>("POST", `/v1/console/cases/${caseId}/group-actions/preview`, body),
  groupActionsApply: (
    caseId: number,
    body: GroupActions & { fingerprint: string; reason: string; policy: string },
  ) => call<GroupActionsResultView>("POST", `/v1/console/cases/${caseId}/group-actions`, body),
  hotlinePreview: (body: HotlineInput) =>
    call<HotlinePreviewView>("POST", "/v1/console/hotline/preview", body),
  hotlineFile: (body: HotlineInput) => call<HotlineFiledView>("POST", "/v1/console/hotline/file", body),
  hotlineGet: (reference: string) =>
    call<HotlineFiledView>("GET", `/v1/console/hotline/${encodeURIComponent(reference)}`),
};
