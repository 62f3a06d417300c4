/** GET /v1/console/hotline/:reference: a filed call, its reports and the cases they are in. */
import { HotlineNotFound } from "../../intake/hotline/hotline-service.js";
import { ApiError } from "../errors.js";
import { HotlineCallView, HotlineReferenceParams } from "../hotline-views.js";
import { defineRoute } from "../route.js";

export const getConsoleHotline = defineRoute({
  method: "GET",
  url: "/v1/console/hotline/:reference",
  summary: "A hotline call by reference: its reports and their cases",
  scope: null,
  permission: "cases.read",
  params: HotlineReferenceParams,
  responses: { 200: HotlineCallView },
  async handler(ctx, { params }) {
    try {
      return await ctx.hotline.status(params.reference);
    } catch (error) {
      if (error instanceof HotlineNotFound) throw new ApiError("NotFound", error.message);
      throw error;
    }
  },
});
