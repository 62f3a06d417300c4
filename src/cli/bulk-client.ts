/**
 * The bulk enforcement API as a person uses it from the command line: signed in to the console
 * (the API checks the role and who confirmed, so the CLI holds no rules of its own), with the
 * console's `X-Vigil-Console` header. Refusals keep their API names (`ConfirmationRequired`).
 */
import type { BulkBatchView } from "../api/bulk-views.js";

export interface BulkTargetInput {
  subject_kind: "account" | "group";
  platform_id: string;
  action: "ban_account" | "disable_group" | "warn_account";
  evidence?: string[];
}

export class BulkApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(`${message} [${code}]`);
    this.name = "BulkApiError";
  }
}

/** Targets per request, below the API's limit of 20,000. */
const PAGE = 10_000;

export class BulkClient {
  private constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
  ) {}

  static async signIn(baseUrl: string, email: string, password: string): Promise<BulkClient> {
    const response = await fetch(new URL("/v1/console/session", baseUrl), {
      method: "POST",
      headers: { "content-type": "application/json", "x-vigil-console": "1" },
      body: JSON.stringify({ email, password }),
    });
    if (!response.ok) await refuse(response);
    const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0];
    return new BulkClient(baseUrl, cookie);
  }

  /** Creates the batch and sends its targets in pages; the last page ends the draft. */
  async create(
    input: { platform: string; reason: string; targets: readonly BulkTargetInput[] },
    onPage?: (sent: number) => void,
  ): Promise<BulkBatchView> {
    const first = input.targets.slice(0, PAGE);
    const single = input.targets.length <= PAGE;
    let batch = await this.call<BulkBatchView>("POST", "/v1/bulk-actions", {
      platform: input.platform,
      reason: input.reason,
      targets: first,
      complete: single,
    });
    onPage?.(first.length);
    for (let i = PAGE; i < input.targets.length; i += PAGE) {
      const page = input.targets.slice(i, i + PAGE);
      const complete = i + PAGE >= input.targets.length;
      const answer = await this.call<{ batch: BulkBatchView }>(
        "POST",
        `/v1/bulk-actions/${batch.id}/targets`,
        {
          targets: page,
          complete,
        },
      );
      batch = answer.batch;
      onPage?.(i + page.length);
    }
    return batch;
  }

  get(id: number, preview = true): Promise<BulkBatchView> {
    return this.call("GET", `/v1/bulk-actions/${id}${preview ? "" : "?preview=false"}`);
  }

  confirm(id: number): Promise<BulkBatchView> {
    return this.call("POST", `/v1/bulk-actions/${id}/confirmations`, {});
  }

  execute(id: number): Promise<BulkBatchView> {
    return this.call("POST", `/v1/bulk-actions/${id}/execute`, {});
  }

  reverse(id: number, reason: string): Promise<BulkBatchView> {
    return this.call("POST", `/v1/bulk-actions/${id}/reverse`, { reason });
  }

  private async call<T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: {
        cookie: this.cookie,
        "x-vigil-console": "1",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) await refuse(response);
    return (await response.json()) as T;
  }
}

async function refuse(response: Response): Promise<never> {
  const text = await response.text();
  let parsed: { error?: string; message?: string } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // Not the API's error shape (a proxy, a crash): report the status.
  }
  throw new BulkApiError(
    parsed.error ?? `HTTP${response.status}`,
    parsed.message ?? text.slice(0, 200),
    response.status,
  );
}
