/** GET /v1/stats: counts of events by status and actions by status, and the queue's depth. */
import { z } from "zod";
import { defineRoute } from "../route.js";

export const getStats = defineRoute({
  method: "GET",
  url: "/v1/stats",
  summary: "Events by status, actions by status, queue depth and index size",
  scope: "cases:read",
  responses: {
    200: z.object({
      events: z.record(z.string(), z.number()),
      actions: z.record(z.string(), z.number()),
      queue_depth: z.number(),
      index_entries: z.number(),
    }),
  },
  async handler(ctx) {
    return {
      events: await ctx.repos.events.countByStatus(),
      actions: await ctx.repos.actions.countByStatus(),
      queue_depth: ctx.queue.depth,
      index_entries: ctx.matcher.get().size,
    };
  },
});
