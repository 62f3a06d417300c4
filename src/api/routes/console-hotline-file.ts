/** POST /v1/console/hotline/file: file a hotline call (one report per subject) and answer its reference number. */
import { HotlineError } from "../../intake/hotline/hotline-service.js";
import { ApiError } from "../errors.js";
import { HotlineFiledView, HotlineIntakeBody } from "../hotline-views.js";
import { defineRoute } from "../route.js";

export const fileConsoleHotline = defineRoute({
  method: "POST",
  url: "/v1/console/hotline/file",
  summary:
    "File a hotline caller's report in their words: one report per subject found, a reference to read back",
  scope: null,
  permission: "reports.hotline",
  body: HotlineIntakeBody,
  responses: { 201: HotlineFiledView },
  async handler(ctx, { body, caller, reply }) {
    try {
      const filed = await ctx.hotline.file(body, caller.actor);
      reply.status(201);
      return filed;
    } catch (error) {
      if (error instanceof HotlineError) throw new ApiError("InvalidRequest", error.message);
      throw error;
    }
  },
});
