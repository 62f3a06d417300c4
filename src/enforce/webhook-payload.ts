/**
 * The webhook body of issue 4's public contract:
 * `{"id","action","subject":{"type","id"},"case_id","reason","idempotency_key"}`.
 * Serialised once per attempt with a fixed key order, so every retry of an action sends the
 * same bytes (only the signature's timestamp changes).
 */
import type { ActionKind } from "../domain/actions.js";
import type { SubjectType } from "../domain/subjects.js";
import type { OutboxDelivery } from "./outbox-store.js";

export interface WebhookPayload {
  id: string;
  action: ActionKind;
  subject: { type: SubjectType; id: string };
  case_id: string | null;
  reason: string;
  idempotency_key: string;
}

export function webhookPayload(delivery: OutboxDelivery): WebhookPayload {
  return {
    id: delivery.publicId,
    action: delivery.action,
    subject: { type: delivery.subject.type, id: delivery.subject.id },
    case_id: delivery.caseId,
    reason: delivery.reason,
    idempotency_key: delivery.idempotencyKey,
  };
}

export function webhookBody(delivery: OutboxDelivery): string {
  return JSON.stringify(webhookPayload(delivery));
}
