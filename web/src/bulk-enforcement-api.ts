/**
 * The console's calls to the bulk enforcement API (issue 10), typed by the server's own view
 * (src/api/bulk-views.ts). Same session cookie and `X-Vigil-Console` header as api.ts; errors
 * keep their API names (`SecondConfirmationRequired`) so the page can say what is missing.
 */
import type { BulkBatchView } from "../../src/api/bulk-views.js";
import { call } from "./api.js";

export type { BulkBatchView };

export interface BulkBatchSummary {
  id: number;
  status: BulkBatchView["status"];
  reason: string;
  requested_by: string;
  target_count: number;
  created_at: string;
}

export interface BulkTargetRow {
  subject_kind: "account" | "group";
  platform_id: string;
  action: "ban_account" | "disable_group" | "warn_account";
  evidence: string[];
}

export const bulkApi = {
  list: () => call<{ batches: BulkBatchSummary[] }>("GET", "/v1/bulk-actions"),
  get: (id: number, preview = true) =>
    call<BulkBatchView>("GET", `/v1/bulk-actions/${id}${preview ? "" : "?preview=false"}`),
  create: (body: { platform: string; reason: string; targets: BulkTargetRow[] }) =>
    call<BulkBatchView>("POST", "/v1/bulk-actions", body),
  confirm: (id: number) => call<BulkBatchView>("POST", `/v1/bulk-actions/${id}/confirmations`, {}),
  execute: (id: number) => call<BulkBatchView>("POST", `/v1/bulk-actions/${id}/execute`, {}),
  reverse: (id: number, reason: string) =>
    call<BulkBatchView>("POST", `/v1/bulk-actions/${id}/reverse`, { reason }),
};

/** `account,acct-1,ban_account,admin_of_confirmed_group|member_of_flagged_groups`, one per line. */
export function parseTargetLines(text: string): BulkTargetRow[] | { line: number } {
  const rows: BulkTargetRow[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "") continue;
    const [kind, id, action, evidence = ""] = line.split(",").map((part) => part.trim());
    if ((kind !== "account" && kind !== "group") || !id || !action) return { line: i + 1 };
    rows.push({
      subject_kind: kind,
      platform_id: id,
      action: action as BulkTargetRow["action"],
      evidence: evidence.split("|").filter((e) => e !== ""),
    });
  }
  return rows;
}
