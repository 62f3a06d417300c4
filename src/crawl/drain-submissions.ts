/**
 * Sends what the crawler owes the service (src/store crawl_submissions): each
 * new link's discovery (preview resolved, image uploaded, event submitted) and
 * each confirmed removal. A submission that fails (service down, 5xx,
 * timeout) stays queued and is retried with doubling backoff on a later run
 * or tick, so a crawl never loses what it found. Several drainers share the
 * queue safely (rows are claimed, not read).
 */
import type {
  ClaimedSubmission,
  CrawlScheduleRepository,
} from "../store/repositories/crawl-schedule-repository.js";
import { INVITE_PLATFORMS } from "./platforms.js";
import type { PreviewOptions } from "./preview/resolve-preview.js";
import { removalEvent } from "./removal-event.js";
import type { ServiceClient } from "./service-client.js";
import { submitDiscovery } from "./submit-discovery.js";

export interface SubmissionRetry {
  firstMs: number;
  maxMs: number;
}

/** 30 s, doubling to an hour: a service restart costs seconds, an outage is retried gently. */
export const SUBMISSION_RETRY: SubmissionRetry = { firstMs: 30_000, maxMs: 3_600_000 };

/** Delay after the n-th failed attempt (n >= 1). */
export function retryDelayMs(failures: number, retry: SubmissionRetry): number {
  return Math.min(retry.firstMs * 2 ** Math.max(0, failures - 1), retry.maxMs);
}

export interface DrainResult {
  submitted: number;
  failed: number;
  errors: string[];
}

export interface DrainOptions {
  preview: PreviewOptions;
  now: () => Date;
  retry?: SubmissionRetry;
  limit?: number;
  /** How long a claimed row is held before another drainer may take it. */
  holdMs?: number;
}

async function send(s: ClaimedSubmission, client: ServiceClient, options: DrainOptions): Promise<string> {
  if (s.kind === "revoked") {
    if (!s.removedAt) throw new Error("the link has no removal time");
    const event = removalEvent({ ...s, removedAt: s.removedAt });
    await client.submitEvents([event]);
    return event.id;
  }
  const platform = INVITE_PLATFORMS.find((p) => p === s.platform);
  if (!platform) throw new Error(`unknown platform ${s.platform}`);
  const result = await submitDiscovery(
    {
      platform,
      code: s.code,
      url: s.url,
      source: s.source,
      foundOn: s.foundOn,
      ...(s.category !== null ? { category: s.category } : {}),
      ...(s.title !== null ? { title: s.title } : {}),
      ...(s.description !== null ? { description: s.description } : {}),
    },
    options.preview,
    client,
    options.now,
  );
  return result.eventId;
}

export async function drainSubmissions(
  store: CrawlScheduleRepository,
  client: ServiceClient,
  options: DrainOptions,
): Promise<DrainResult> {
  const retry = options.retry ?? SUBMISSION_RETRY;
  const result: DrainResult = { submitted: 0, failed: 0, errors: [] };
  // A row that failed in this drain waits for the next one, even when its retry is already due.
  const tried = new Set<string>();
  for (;;) {
    const limit = options.limit ?? 100;
    const claimed = await store.claimDue(options.now(), limit, options.holdMs ?? 300_000);
    const batch = claimed.filter((s) => !tried.has(`${s.kind}:${s.platform}:${s.code}`));
    if (batch.length === 0) return result;
    for (const s of batch) {
      tried.add(`${s.kind}:${s.platform}:${s.code}`);
      try {
        const eventId = await send(s, client, options);
        await store.submitted(s, eventId, options.now());
        result.submitted++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const at = options.now();
        await store.failed(s, message, new Date(at.getTime() + retryDelayMs(s.attempts + 1, retry)));
        result.failed++;
        result.errors.push(`${s.kind} ${s.platform}:${s.code}: ${message}`);
      }
    }
    if (claimed.length < limit) return result;
  }
}
