/**
 * Intake of a batch of platform events: every event is validated first and
 * the batch is refused whole if one is bad (the client fixes and resends; no
 * half-stored batch to reason about), then the batch is stored in one
 * transaction and its new events are published for processing. A 202 thus
 * means: durable, and will be decided exactly once.
 */

import type { EventQueue } from "../domain/event-queue.js";
import { isKnownEventType, PlatformEvent } from "../domain/event-schema.js";
import { partitionKey } from "../domain/partitions.js";
import type { EventRepository, NewEvent } from "../store/repositories/event-repository.js";
import { EventBatchRejected } from "./intake-errors.js";
import { subjectOfEvent } from "./subject-of-event.js";
import { type IssueDetail, issueDetails } from "./zod-issues.js";

export interface EventStatusResult {
  id: string;
  status: "accepted" | "duplicate";
  seq?: number;
}

export function validateEvents(raw: unknown[]): PlatformEvent[] {
  const valid: PlatformEvent[] = [];
  const unknownTypes: IssueDetail[] = [];
  const problems: IssueDetail[] = [];
  raw.forEach((item, index) => {
    const type = (item as { type?: unknown } | null)?.type;
    if (item && typeof item === "object" && !isKnownEventType(type)) {
      unknownTypes.push({
        path: `events.${index}.type`,
        message: `unknown event type ${JSON.stringify(type)}`,
      });
      return;
    }
    const result = PlatformEvent.safeParse(item);
    if (result.success) valid.push(result.data);
    else problems.push(...issueDetails(result.error.issues, ["events", index]));
  });
  if (unknownTypes.length > 0) {
    throw new EventBatchRejected(
      "UnknownEventType",
      "the batch has events of unknown type; nothing was stored",
      [...unknownTypes, ...problems],
    );
  }
  if (problems.length > 0)
    throw new EventBatchRejected(
      "InvalidEvent",
      "the batch has invalid events; nothing was stored",
      problems,
    );
  return valid;
}

export function toNewEvent(event: PlatformEvent): NewEvent {
  const subject = subjectOfEvent(event);
  return {
    platform: event.platform,
    clientId: event.id,
    type: event.type,
    occurredAt: new Date(event.occurred_at),
    subjectType: subject.type,
    subjectId: subject.id,
    payload: event as unknown as Record<string, unknown>,
  };
}

export async function acceptEvents(
  repo: EventRepository,
  queue: EventQueue,
  events: PlatformEvent[],
): Promise<EventStatusResult[]> {
  const rows = events.map(toNewEvent);
  const outcomes = await repo.insert(rows);
  const seqs: number[] = [];
  const keys: string[] = [];
  outcomes.forEach((seq, i) => {
    if (seq === null) return;
    seqs.push(seq);
    keys.push(partitionKey(rows[i].platform, rows[i].subjectType, rows[i].subjectId));
  });
  queue.publish(seqs, keys);
  return events.map((e, i) => {
    const seq = outcomes[i];
    return seq === null ? { id: e.id, status: "duplicate" } : { id: e.id, status: "accepted", seq };
  });
}
