/**
 * One attempt at one delivery: the contract's body, its signature made at send time (so a
 * retry hours later still falls inside the receiver's timestamp tolerance), the
 * `Idempotency-Key` header, and a verdict: any 2xx acknowledges, anything else is a failure
 * with a reason an operator can act on.
 */
import type { OutboxDelivery } from "./outbox-store.js";
import { webhookBody } from "./webhook-payload.js";
import { SIGNATURE_HEADER, signWebhook, type WebhookSecret } from "./webhook-signature.js";
import type { WebhookTransport } from "./webhook-transport.js";

export interface WebhookTarget {
  url: string;
  /** One secret, or several while rotating (one `v1=` each). */
  secrets: readonly WebhookSecret[];
}

export type AttemptOutcome =
  | { delivered: true; status: number }
  | { delivered: false; status: number | null; error: string; retryAfterMs: number | null };

export const USER_AGENT = "Vigil-Webhooks/1";

export async function attemptDelivery(
  transport: WebhookTransport,
  target: WebhookTarget,
  delivery: OutboxDelivery,
  now: Date,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const body = webhookBody(delivery);
  const headers = {
    "content-type": "application/json",
    "user-agent": USER_AGENT,
    "idempotency-key": delivery.idempotencyKey,
    [SIGNATURE_HEADER.toLowerCase()]: signWebhook(target.secrets, body, Math.floor(now.getTime() / 1000)),
  };
  const response = await transport.send({ url: target.url, headers, body, timeoutMs });
  if (response.kind === "error") {
    return { delivered: false, status: null, error: response.error, retryAfterMs: null };
  }
  if (response.status >= 200 && response.status < 300) return { delivered: true, status: response.status };
  const detail = response.bodySnippet ? `: ${response.bodySnippet}` : "";
  return {
    delivered: false,
    status: response.status,
    error: `HTTP ${response.status}${detail}`,
    retryAfterMs: response.retryAfterMs,
  };
}
