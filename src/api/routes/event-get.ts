/** GET /v1/events/:platform/:id: where an event is (pending, decided, failed) and what was decided. */
import { z } from "zod";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

const EventState = z.object({
  id: z.string(),
  platform: z.string(),
  type: z.string(),
  status: z.enum(["pending", "decided", "failed"]),
  decision: z.enum(["act", "review", "none"]).nullable(),
  received_at: z.string(),
  decided_at: z.string().nullable(),
  error: z.string().nullable(),
  /** What processing could not do, e.g. a photo URL refused or unfetchable (the photo went unchecked). */
  notes: z.array(
    z.object({ kind: z.string(), field: z.string(), url: z.string(), code: z.string(), message: z.string() }),
  ),
});

export const getEvent = defineRoute({
  method: "GET",
  url: "/v1/events/:platform/:id",
  summary: "An event's processing status and decision",
  scope: "events:write",
  params: z.object({ platform: z.string(), id: z.string() }),
  responses: { 200: EventState },
  async handler(ctx, { params }) {
    const e = await ctx.repos.events.find(params.platform, params.id);
    if (!e) throw new ApiError("NotFound", `no event ${params.id} from ${params.platform}`);
    return {
      id: e.clientId,
      platform: e.platform,
      type: e.type,
      status: e.status,
      decision: e.decision,
      received_at: e.receivedAt.toISOString(),
      decided_at: e.decidedAt?.toISOString() ?? null,
      error: e.error,
      notes: e.notes ?? [],
    } satisfies z.infer<typeof EventState>;
  },
});
