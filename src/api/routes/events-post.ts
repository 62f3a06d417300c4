/** POST /v1/events: a batch of platform events; 202 with each event's status. */
import type { z } from "zod";
import { acceptEvents, validateEvents } from "../../intake/accept-events.js";
import { EventBatch, EventBatchResult } from "../../intake/event-schema.js";
import { defineRoute } from "../route.js";

export const postEvents = defineRoute({
  method: "POST",
  url: "/v1/events",
  summary:
    "Submit platform events (idempotent by platform + id). Answers 202 once they are stored; a replayed id is reported as duplicate and not processed again.",
  scope: "events:write",
  body: EventBatch,
  responses: { 202: EventBatchResult },
  async handler(ctx, { body, reply }) {
    const events = validateEvents(body.events);
    const results = await acceptEvents(ctx.repos.events, ctx.queue, events);
    const accepted = results.filter((r) => r.status === "accepted").length;
    ctx.metrics.eventsReceived.inc({ outcome: "accepted" }, accepted);
    ctx.metrics.eventsReceived.inc({ outcome: "duplicate" }, results.length - accepted);
    reply.status(202);
    return { results } satisfies z.infer<typeof EventBatchResult>;
  },
});
