/** GET /v1/console/hotline/:reference/caller: the caller's name and contact, unsealed for this person and audited. */
import { HotlineNotFound } from "../../intake/hotline/hotline-service.js";
import { ApiError } from "../errors.js";
import { HotlineCallerView, HotlineReferenceParams } from "../hotline-views.js";
import { defineRoute } from "../route.js";

export const getConsoleHotlineCaller = defineRoute({
  method: "GET",
  url: "/v1/console/hotline/:reference/caller",
  summary: "The hotline caller's name and contact (sealed at rest; every read is in the audit log)",
  scope: null,
  permission: "reports.hotline",
  params: HotlineReferenceParams,
  responses: { 200: HotlineCallerView },
  async handler(ctx, { params, caller }) {
    try {
      const found = await ctx.hotline.caller(params.reference);
      await ctx.repos.audit.append({
        actor: caller.actor,
        action: "hotline.caller.read",
        targetType: "hotline_call",
        targetId: found.reference,
        detail: {},
      });
      return found;
    } catch (error) {
      if (error instanceof HotlineNotFound) throw new ApiError("NotFound", error.message);
      throw error;
    }
  },
});
