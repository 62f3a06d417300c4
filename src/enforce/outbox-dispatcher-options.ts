/**
 * What an OutboxDispatcher is configured with, what it reports, and the checks on the webhook
 * target: a URL that is http(s) and always a signing secret.
 */
import type { BackoffPolicy, RandomSource } from "./backoff.js";
import type { WebhookTarget } from "./delivery-attempt.js";
import type { EnforceLogger } from "./logger.js";
import type { OutboxDelivery, OutboxStore } from "./outbox-store.js";
import type { WebhookSecret } from "./webhook-signature.js";
import type { WebhookTransport } from "./webhook-transport.js";

export interface OutboxDispatcherOptions {
  store: OutboxStore;
  logger: EnforceLogger;
  /** `VIGIL_WEBHOOK_URL`; when absent nothing is claimed and actions stay pending. */
  webhookUrl: string | null | undefined;
  /** `VIGIL_WEBHOOK_SECRET`, or several while rotating; required when a URL is set. */
  webhookSecret: WebhookSecret | readonly WebhookSecret[] | null | undefined;
  /** Default: undici with its own pool, closed by `stop()`. An injected one is left open. */
  transport?: WebhookTransport;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Poll period when not woken (default 1 s). */
  pollIntervalMs?: number;
  /** Per request, connect to last header (default 10 s). */
  requestTimeoutMs?: number;
  /** How long a claim holds a row before another claimer may take it (default 60 s). */
  leaseMs?: number;
  backoff?: Partial<BackoffPolicy>;
  random?: RandomSource;
  now?: () => Date;
  /** Attempts after which a delivery is reported as failing (default 10). */
  failingAfterAttempts?: number;
  /** Called once per delivery (per process) when it crosses the failing threshold. */
  onFailing?: (failing: FailingDelivery) => void;
  /**
   * Rows leased per claim (default 0: exactly the free slots). Larger claims wait in memory and
   * are sent only while their lease still covers a whole request; a row whose lease would run
   * out first is dropped and claimed again later, so no row is ever sent twice at once. Bulk
   * batches (issue 10) need this: one claim per few hundred rows instead of one per delivery.
   */
  claimBatchSize?: number;
  /**
   * Gather acknowledgements for up to this many ms and record them in one statement, when the
   * store has `markDeliveredMany` (default 0: one `markDelivered` per delivery). A crash in that
   * window re-sends those rows after their lease, which receivers absorb by idempotency key.
   */
  ackBatchMs?: number;
}

export interface FailingDelivery {
  delivery: OutboxDelivery;
  attempts: number;
  status: number | null;
  error: string;
  nextAttemptAt: Date;
}

/** This process's view; the outbox table is the authority across processes. */
export interface DispatcherStats {
  /** Deliveries acknowledged with a 2xx. */
  delivered: number;
  /** Attempts that got a non-2xx, timed out or could not connect. */
  failedAttempts: number;
  /** Requests running now. */
  inFlight: number;
  /** Deliveries this process has claimed and not yet seen acknowledged (in flight or awaiting retry). */
  pending: number;
  /** Of those, how many are past `failingAfterAttempts`. */
  failing: number;
}

export function webhookTarget(
  url: string | null | undefined,
  secret: WebhookSecret | readonly WebhookSecret[] | null | undefined,
): WebhookTarget | null {
  if (url === null || url === undefined || url.trim() === "") return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError("the webhook URL is not a valid URL");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new RangeError(`the webhook URL must be http or https, not ${parsed.protocol}`);
  }
  const secrets =
    secret === null || secret === undefined
      ? []
      : typeof secret === "string" || secret instanceof Uint8Array
        ? [secret]
        : [...secret];
  if (secrets.length === 0 || secrets.some((s) => s.length === 0)) {
    // An unsigned webhook could be forged by anyone who finds the URL.
    throw new RangeError("a webhook URL is configured without a secret (VIGIL_WEBHOOK_SECRET)");
  }
  return { url: parsed.toString(), secrets };
}

/** Origin and path only: credentials or tokens in the URL stay out of logs. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

export function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
