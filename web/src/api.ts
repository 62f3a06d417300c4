/**
 * The console's calls to Vigil's API, typed by the server's own response
 * schemas (src/api/console-views.ts). The session is an httpOnly cookie the
 * browser sends by itself; X-Vigil-Console marks requests as the console's
 * (the server refuses state changes without it, a CSRF guard).
 */
import type {
  AuditEntryView,
  CaseDetailView,
  ConsoleCaseView,
  ConsoleUserView,
  PhotoView,
  QueueView,
} from "../../src/api/console-views.js";

export type { AuditEntryView, CaseDetailView, ConsoleCaseView, ConsoleUserView, PhotoView, QueueView };

export interface BulkOutcome {
  case_id: number;
  subject: { type: string; id: string } | null;
  queue: string | null;
  actions: string[];
  status: "would_decide" | "decided" | "refused";
  problem: string | null;
}

/**
 * A request that failed: `status` 0 and code `NetworkError` when no answer came at all,
 * else the server's error name (src/api/errors.ts) and its details. Shown to people through
 * `failureMessage` (failure.tsx), never as the raw code or message.
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown[] = [],
  ) {
    super(message);
  }
}

/** fetch, with "no answer" (offline, server down, connection reset) as an ApiFailure. */
export async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { credentials: "same-origin", ...init });
  } catch (error) {
    throw new ApiFailure(0, "NetworkError", String(error));
  }
}

/** Reads an answer: its JSON when 2xx, else an ApiFailure with the server's error name. */
export async function answer<T>(res: Response): Promise<T> {
  const json = (await res.json().catch(() => ({}))) as {
    error?: string;
    message?: string;
    details?: unknown[];
  };
  if (!res.ok) {
    throw new ApiFailure(
      res.status,
      json.error ?? "Error",
      json.message ?? res.statusText,
      json.details ?? [],
    );
  }
  return json as T;
}

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await send(path, {
    method,
    headers: {
      "x-vigil-console": "1",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return answer<T>(res);
}

export const api = {
  me: () => call<{ user: ConsoleUserView }>("GET", "/v1/console/session"),
  signIn: (email: string, password: string) =>
    call<{ user: ConsoleUserView }>("POST", "/v1/console/session", { email, password }),
  signOut: () => call<unknown>("DELETE", "/v1/console/session"),
  queues: () => call<{ queues: QueueView[] }>("GET", "/v1/console/queues"),
  queueCases: (queue: string) =>
    call<{ cases: ConsoleCaseView[] }>("GET", `/v1/console/queues/${encodeURIComponent(queue)}/cases`),
  next: (queue: string) =>
    call<{ case: ConsoleCaseView | null }>("POST", `/v1/console/queues/${encodeURIComponent(queue)}/next`),
  caseDetail: (id: number) => call<CaseDetailView>("GET", `/v1/console/cases/${id}`),
  release: (id: number) => call<unknown>("POST", `/v1/console/cases/${id}/release`),
  decide: (id: number, actions: string[], reason: string, policy: string) =>
    call<{ action_ids: string[] }>("POST", `/v1/console/cases/${id}/decision`, { actions, reason, policy }),
  bulk: (body: { case_ids: number[]; actions: string[]; reason: string; policy: string; preview: boolean }) =>
    call<{ outcomes: BulkOutcome[] }>("POST", "/v1/console/decisions", body),
  audit: (filter: Record<string, string>) =>
    call<{ entries: AuditEntryView[] }>(
      "GET",
      `/v1/console/audit?${new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ""))}`,
    ),
  previewUrl: (mediaId: string, caseId: number, part = 0) =>
    `/v1/console/media/${encodeURIComponent(mediaId)}/preview?case_id=${caseId}${part > 0 ? `&part=${part}` : ""}`,
  revealUrl: (mediaId: string, caseId: number) =>
    `/v1/console/media/${encodeURIComponent(mediaId)}/content?case_id=${caseId}`,
};
