/**
 * POST /v1/console/media: an analyst uploads a hotline caller's screenshot or video
 * (multipart, field `file`) into the media pipeline: hashed on arrival,
 * sealed in the vault, audited; its `media_id` goes into the hotline report.
 */
import { defineRoute } from "../route.js";
import { uploadedFile } from "../uploaded-file.js";
import { MediaView } from "./media-post.js";

export const postConsoleMedia = defineRoute({
  method: "POST",
  url: "/v1/console/media",
  summary: "Upload a screenshot or video for a hotline report (multipart/form-data, field `file`)",
  scope: null,
  permission: "reports.hotline",
  consumes: "multipart/form-data",
  responses: { 201: MediaView },
  async handler(ctx, { request, reply, caller }) {
    const stored = await ctx.intakeMedia({ kind: "bytes", ...(await uploadedFile(request)) });
    await ctx.repos.audit.append({
      actor: caller.actor,
      action: "media.upload",
      targetType: "media",
      targetId: stored.media_id,
      detail: { for: "hotline_report" },
    });
    reply.status(201);
    return stored;
  },
});
