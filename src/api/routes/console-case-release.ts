/** POST /v1/console/cases/:id/release: give a claimed case back to its queue (skip it). */
import { z } from "zod";
import { consoleCaseView } from "../console-case-detail.js";
import { ConsoleCaseView } from "../console-views.js";
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
    return { case: consoleCaseView(await ctx.repos.claims.release(params.id, caller.actor)) };
  },
});
