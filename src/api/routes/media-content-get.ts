/**
 * GET /v1/media/:id/content: the decrypted bytes. Media is evidence: every
 * read is written to the audit log before the bytes leave, and only keys with
 * media:read may ask.
 */
import { z } from "zod";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

export const getMediaContent = defineRoute({
  method: "GET",
  url: "/v1/media/:id/content",
  summary: "The media's bytes (audited)",
  scope: "media:read",
  params: z.object({ id: z.string().max(100) }),
  responses: { 200: z.string().describe("the image bytes") },
  async handler(ctx, { params, caller, reply }) {
    const row = await ctx.repos.media.get(params.id);
    if (!row?.blobRef) throw new ApiError("NotFound", `no stored media ${params.id}`);
    await ctx.repos.audit.append({
      actor: caller.actor,
      action: "media.read",
      targetType: "media",
      targetId: row.id,
    });
    const bytes = await ctx.vault.get(row.blobRef);
    reply.header("content-type", row.mime ?? "application/octet-stream");
    reply.header("cache-control", "no-store");
    return reply.send(bytes);
  },
});
