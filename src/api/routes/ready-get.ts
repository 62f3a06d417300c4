/**
 * GET /readyz: ready to take traffic when the database answers and the disk
 * takes writes (after a full disk, once a probe write succeeds again); 503
 * otherwise, so a balancer routes around it.
 */
import { z } from "zod";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

export const getReady = defineRoute({
  method: "GET",
  url: "/readyz",
  summary: "Readiness: the database answers and the disk takes writes",
  scope: null,
  responses: { 200: z.object({ status: z.literal("ready") }) },
  async handler(ctx) {
    try {
      await ctx.database.exec("SELECT 1");
    } catch (error) {
      throw new ApiError("Unavailable", `database unavailable: ${(error as Error).message}`);
    }
    if (!(await ctx.storage.writable())) {
      throw new ApiError(
        "StorageFull",
        "the disk is full; writes are refused until space is freed",
      ).retryAfter(ctx.storage.retryAfterSeconds);
    }
    return { status: "ready" as const };
  },
});
