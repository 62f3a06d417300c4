/** The console's calls for SLA and sort, escalation, lead confirmation, dashboard, screenshots and wellness. */
import type { DashboardView } from "../../src/api/console-dashboard.js";
import type { PreferencesView } from "../../src/api/console-preferences.js";
import { answer, type BulkOutcome, type ConsoleCaseView, call, send } from "./api.js";

export type { DashboardView, PreferencesView };

export interface BulkAnswer {
  outcomes: BulkOutcome[];
  needs_lead_confirmation: boolean;
  lead_confirm_above: number;
  confirmed_by: string | null;
}

export const reviewApi = {
  bulk: (body: {
    case_ids: number[];
    actions: string[];
    reason: string;
    policy: string;
    preview: boolean;
    confirmation_id?: string;
  }) => call<BulkAnswer>("POST", "/v1/console/decisions", body),
  queueSettings: (queue: string, change: { sla_seconds?: number | null; sort?: string }) =>
    call<unknown>("PUT", `/v1/console/queues/${encodeURIComponent(queue)}/settings`, change),
  escalate: (id: number, to: "lead" | "child-safety", reason: string) =>
    call<{ case: ConsoleCaseView; merged_into: number | null }>("POST", `/v1/console/cases/${id}/escalate`, {
      to,
      reason,
    }),
  confirmBatch: (body: { case_ids: number[]; actions: string[]; policy: string }) =>
    call<{ confirmation_id: string }>("POST", "/v1/console/decisions/confirmations", body),
  dashboard: (from: string, to: string) =>
    call<DashboardView>("GET", `/v1/console/dashboard?${new URLSearchParams({ from, to })}`),
  dashboardCsvUrl: (from: string, to: string) =>
    `/v1/console/dashboard.csv?${new URLSearchParams({ from, to })}`,
  preferences: () => call<PreferencesView>("GET", "/v1/console/preferences"),
  setPreferences: (change: { blur?: boolean | null; grayscale?: boolean | null }) =>
    call<PreferencesView>("PUT", "/v1/console/preferences", change),
  async uploadScreenshot(file: File): Promise<{ media_id: string }> {
    const form = new FormData();
    form.append("file", file);
    const res = await send("/v1/console/media", {
      method: "POST",
      headers: { "x-vigil-console": "1" },
      body: form,
    });
    const json = await answer<{ media_id: string }>(res);
    return { media_id: String(json.media_id) };
  },
};
