/** GET /v1/console/users: colleagues a case may be assigned to (names and roles, never more). */
import { z } from "zod";
import { ColleagueView } from "../review-views.js";
import { defineRoute } from "../route.js";

export const listConsoleUsers = defineRoute({
  method: "GET",
  url: "/v1/console/users",
  summary: "Console users a case may be assigned to",
  scope: null,
  permission: "cases.read",
  responses: { 200: z.object({ users: z.array(ColleagueView) }) },
  async handler(ctx) {
    return { users: await ctx.review.colleagues() };
  },
});
