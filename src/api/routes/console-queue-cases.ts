/** GET /v1/console/queues/:queue/cases: a queue's undecided cases in the queue's order (priority then age, or report count), for bulk selection. */
import { z } from "zod";
import { mayOpenQueue } from "../../access/queues.js";
import { consoleCaseView } from "../console-case-detail.js";
import { ConsoleCaseView } from "../console-views.js";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

export const listConsoleQueueCases = defineRoute({
  method: "GET",
  url: "/v1/console/queues/:queue/cases",
  summary: "Undecided cases of a queue the signed-in user may open, highest priority and oldest first",
  scope: null,
  permission: "cases.read",
  params: z.object({ queue: z.string().min(1).max(100) }),
  query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(200) }),
  responses: { 200: z.object({ cases: z.array(ConsoleCaseView) }) },
  async handler(ctx, { params, query, caller }) {
    if (!mayOpenQueue(caller.user!.role, params.queue)) {
      throw new ApiError("ForbiddenRole", `the role ${caller.user!.role} may not open ${params.queue}`);
    }
    const { sort } = await ctx.repos.consoleSettings.queue(params.queue);
    const rows = await ctx.repos.queues.undecided(params.queue, query.limit, sort);
    return { cases: rows.map(consoleCaseView) };
  },
});
