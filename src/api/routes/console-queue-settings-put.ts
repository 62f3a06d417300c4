/** PUT /v1/console/queues/:queue/settings: a lead sets a queue's SLA and the order "Start reviewing" hands cases in. */
import { z } from "zod";
import { mayOpenQueue } from "../../access/queues.js";
import { QUEUE_SORTS } from "../../store/schema.js";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

const QueueSettingView = z.object({
  queue: z.string(),
  sla_seconds: z.number().nullable(),
  sort: z.enum(QUEUE_SORTS),
});

export const putConsoleQueueSettings = defineRoute({
  method: "PUT",
  url: "/v1/console/queues/:queue/settings",
  summary:
    "Set a queue's SLA (seconds; null: the organisation's default) and sort order (priority or reports)",
  scope: null,
  permission: "queues.configure",
  params: z.object({ queue: z.string().min(1).max(100) }),
  body: z.strictObject({
    sla_seconds: z
      .number()
      .int()
      .min(60)
      .max(90 * 86400)
      .nullable()
      .optional(),
    sort: z.enum(QUEUE_SORTS).optional(),
  }),
  responses: { 200: QueueSettingView },
  async handler(ctx, { params, body, caller }) {
    if (!mayOpenQueue(caller.user!.role, params.queue)) {
      throw new ApiError("ForbiddenRole", `the role ${caller.user!.role} may not open ${params.queue}`);
    }
    const change = {
      ...(body.sla_seconds !== undefined ? { slaSeconds: body.sla_seconds } : {}),
      ...(body.sort !== undefined ? { sort: body.sort } : {}),
    };
    const saved = await ctx.repos.consoleSettings.updateQueue(params.queue, change, caller.actor);
    await ctx.repos.audit.append({
      actor: caller.actor,
      action: "queue.configure",
      targetType: "queue",
      targetId: params.queue,
      detail: { ...body },
    });
    return { queue: saved.queue, sla_seconds: saved.slaSeconds, sort: saved.sort };
  },
});
