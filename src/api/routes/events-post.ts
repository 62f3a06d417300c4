/** POST /v1/events: a batch of platform events; 202 with each event's status. */
import type { z } from "zod";
import { EventBatch, EventBatchResult } from "../../domain/event-schema.js";
import { acceptEvents, validateEvents } from "../../intake/accept-events.js";
import { ApiError, ErrorBody } from "../errors.js";
import { defineRoute } from "../route.js";

export const postEvents = defineRoute({
  method: "POST",
  url: "/v1/events",
  summary:
    "Submit platform events (idempotent by platform + id). Answers 202 once they are stored; a replayed id is reported as duplicate and not processed again. Answers 429 LagLimitReached with Retry-After (seconds) while workers are behind by more than the configured lag; nothing of a refused batch is stored, so resend it whole.",
  scope: "events:write",
  bodyLimit: "intake",
  body: EventBatch,
  responses: { 202: EventBatchResult, 429: ErrorBody },
  async handler(ctx, { body, reply }) {
    const events = validateEvents(body.events);
    const verdict = await ctx.lagGate.check();
    if (verdict.kind === "refuse") {
      ctx.metrics.eventsReceived.inc({ outcome: "refused" }, events.length);
      // RFC 9110 section 10.2.3: delay-seconds.
      reply.header("retry-after", String(verdict.retryAfterSeconds));
      throw new ApiError(
        "LagLimitReached",
        `workers are ${verdict.lag} events behind (limit ${verdict.maxLag}); nothing was stored, retry in ${verdict.retryAfterSeconds} s`,
      );
    }
    const results = await acceptEvents(ctx.repos.events, ctx.queue, events);
    const accepted = results.filter((r) => r.status === "accepted").length;
    ctx.lagGate.accepted(accepted);
    ctx.metrics.eventsReceived.inc({ outcome: "accepted" }, accepted);
    ctx.metrics.eventsReceived.inc({ outcome: "duplicate" }, results.length - accepted);
    reply.status(202);
    return { results } satisfies z.infer<typeof EventBatchResult>;
  },
});
