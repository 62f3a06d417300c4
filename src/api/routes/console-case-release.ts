/**
 * POST /v1/console/cases/:id/release: give a claimed case back to its queue (skip it).
 * The role is checked before the case's state: a user who may not open the case's
 * queue learns nothing about its claim (403, never a 409).
 */
import { z } from "zod";
import { mayOpenQueue } from "../../access/queues.js";
import { consoleCaseView } from "../console-case-detail.js";
import { ConsoleCaseView } from "../console-views.js";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

export const releaseConsoleCase = defineRoute({
  method: "POST",
  url: "/v1/console/cases/:id/release",
  summary: "Release the signed-in reviewer's claim on a case",
  scope: null,
  permission: "cases.claim",
  params: z.object({ id: z.coerce.number().int().positive() }),
  responses: { 200: z.object({ case: ConsoleCaseView }) },
  async handler(ctx, { params, caller }) {
    const { case: row } = await ctx.repos.cases.get(params.id);
    const role = caller.user!.role;
    if (!mayOpenQueue(role, row.queue)) {
      throw new ApiError("ForbiddenRole", `the role ${role} may not open cases in ${row.queue}`);
    }
    return { case: consoleCaseView(await ctx.repos.claims.release(params.id, caller.actor)) };
  },
});
