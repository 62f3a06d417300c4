/** POST /v1/console/hotline/preview: what Vigil understood from a caller's words, before anything is filed. */
import { HotlineIntakeBody, HotlinePreviewView } from "../hotline-views.js";
import { defineRoute } from "../route.js";

export const previewConsoleHotline = defineRoute({
  method: "POST",
  url: "/v1/console/hotline/preview",
  summary:
    "Read a hotline caller's words: invite links to platform and group, numbers to accounts; files nothing",
  scope: null,
  permission: "reports.hotline",
  body: HotlineIntakeBody,
  responses: { 200: HotlinePreviewView },
  async handler(ctx, { body }) {
    return ctx.hotline.preview(body);
  },
});
