/**
 * GET /v1/console/media/:id/content?case_id=N: a reviewer reveals one image.
 * Written to the audit log (who, which media, from which case) before the
 * bytes leave, like the API's media read; never cached by the browser, so
 * every reveal is a logged request.
 */
import { z } from "zod";
import { mayOpenQueue } from "../../access/queues.js";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

export const getConsoleMediaContent = defineRoute({
  method: "GET",
  url: "/v1/console/media/:id/content",
  summary: "Reveal stored media from a case (audited as media.reveal)",
  scope: null,
  permission: "media.reveal",
  params: z.object({ id: z.string().max(100) }),
  query: z.object({ case_id: z.coerce.number().int().positive() }),
  responses: { 200: z.string().describe("the image bytes") },
  async handler(ctx, { params, query, caller, reply }) {
    const { case: row } = await ctx.repos.cases.get(query.case_id);
    if (!mayOpenQueue(caller.user!.role, row.queue)) {
      throw new ApiError("ForbiddenRole", `the role ${caller.user!.role} may not open cases in ${row.queue}`);
    }
    const media = await ctx.repos.media.get(params.id);
    if (!media?.blobRef) throw new ApiError("NotFound", `no stored media ${params.id}`);
    await ctx.repos.audit.append({
      actor: caller.actor,
      action: "media.reveal",
      targetType: "media",
      targetId: media.id,
      detail: { case_id: row.id },
    });
    const bytes = await ctx.vault.get(media.blobRef);
    reply.header("content-type", media.mime ?? "application/octet-stream");
    reply.header("cache-control", "no-store");
    return reply.send(bytes);
  },
});
