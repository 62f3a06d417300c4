/** GET /healthz: liveness and the pipeline's backlog, for load balancers and operators. */
import { z } from "zod";
import { defineRoute } from "../route.js";

export const getHealth = defineRoute({
  method: "GET",
  url: "/healthz",
  summary: "Liveness, queue depth and the size of the hash index",
  scope: null,
  responses: {
    200: z.object({ status: z.literal("ok"), queue_depth: z.number(), index_entries: z.number() }),
  },
  async handler(ctx) {
    return { status: "ok" as const, queue_depth: ctx.queue.depth, index_entries: ctx.matcher.get().size };
  },
});
