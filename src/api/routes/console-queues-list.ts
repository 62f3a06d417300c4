/** GET /v1/console/queues: the queues this user may open, with waiting and held counts, the oldest wait and the SLA. */
import { z } from "zod";
import { mayDecideQueue, mayOpenQueue } from "../../access/queues.js";
import { can } from "../../access/roles.js";
import { slaState } from "../../domain/queue-sla.js";
import { QueueView } from "../console-views.js";
import { defineRoute } from "../route.js";

export const listConsoleQueues = defineRoute({
  method: "GET",
  url: "/v1/console/queues",
  summary: "Review queues the signed-in user may open: counts and the oldest waiting case's age",
  scope: null,
  permission: "cases.read",
  responses: { 200: z.object({ queues: z.array(QueueView) }) },
  async handler(ctx, { caller }) {
    const role = caller.user!.role;
    const now = Date.now();
    const org = await ctx.repos.consoleSettings.org();
    const queues = (await ctx.repos.queues.summary(org.defaultSlaSeconds)).filter((q) =>
      mayOpenQueue(role, q.queue),
    );
    return {
      queues: queues.map((q) => ({
        queue: q.queue,
        waiting: q.waiting,
        claimed: q.claimed,
        max_priority: q.maxPriority,
        oldest_waiting_at: q.oldestWaitingAt?.toISOString() ?? null,
        oldest_age_seconds: q.oldestWaitingAt
          ? Math.max(0, Math.round((now - q.oldestWaitingAt.getTime()) / 1000))
          : null,
        may_decide: mayDecideQueue(role, q.queue),
        sla_seconds: q.slaSeconds,
        breached: q.breached,
        near_breach: q.nearBreach,
        sla_state: slaState(q),
        sort: q.sort,
        may_configure: can(role, "queues.configure"),
      })),
    };
  },
});
