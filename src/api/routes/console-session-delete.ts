/** DELETE /v1/console/session: sign out; the session row is deleted, so the cookie is dead even if kept. */
import { z } from "zod";
import { clearSessionCookie, sessionToken } from "../console-session.js";
import { defineRoute } from "../route.js";

export const deleteConsoleSession = defineRoute({
  method: "DELETE",
  url: "/v1/console/session",
  summary: "Console sign-out",
  scope: null,
  permission: "signed_in",
  responses: { 200: z.object({ signed_out: z.literal(true) }) },
  async handler(ctx, { request, reply }) {
    const token = sessionToken(request);
    if (token) await ctx.repos.sessions.delete(token);
    clearSessionCookie(request, reply);
    return { signed_out: true as const };
  },
});
