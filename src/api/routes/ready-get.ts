/** GET /readyz: ready to take traffic when the database answers; 503 otherwise, so a balancer routes around it. */
import { z } from "zod";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

export const getReady = defineRoute({
  method: "GET",
  url: "/readyz",
  summary: "Readiness: the database answers",
  scope: null,
  responses: { 200: z.object({ status: z.literal("ready") }) },
  async handler(ctx) {
    try {
      await ctx.database.exec("SELECT 1");
    } catch (error) {
      throw new ApiError("Unavailable", `database unavailable: ${(error as Error).message}`);
    }
    return { status: "ready" as const };
  },
});
