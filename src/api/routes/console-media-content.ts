/**
 * GET /v1/console/media/:id/content?case_id=N: a reviewer reveals one image or
 * video of a case they may open and that shows it (else 403, audited). Written to the audit log (who, which media, from which case) before
 * the bytes leave, like the API's media read; never cached by the browser, so
 * every reveal is a logged request.
 *
 * Videos: a <video> element asks for byte ranges (RFC 9110 §14). Every request
 * is audited; one that starts at byte 0 is the reveal (`media.reveal`, what the
 * shift's exposure counter counts), later ranges of the same playback are
 * `media.reveal.range` with the range, so no byte leaves unlogged and one view
 * counts once.
 */
import { z } from "zod";
import { openCaseMedia } from "../../review/case-media.js";
import { parseByteRange } from "../byte-range.js";
import { defineRoute } from "../route.js";

export const getConsoleMediaContent = defineRoute({
  method: "GET",
  url: "/v1/console/media/:id/content",
  summary: "Reveal stored media from a case (audited as media.reveal; byte ranges for video)",
  scope: null,
  permission: "media.reveal",
  params: z.object({ id: z.string().max(100) }),
  query: z.object({ case_id: z.coerce.number().int().positive() }),
  responses: { 200: z.string().describe("the media bytes"), 206: z.string().describe("a byte range") },
  async handler(ctx, { params, query, caller, request, reply }) {
    // Only media the case shows, from a case this role may open; a refusal is audited (review/case-media.ts).
    const { case: row, media } = await openCaseMedia(ctx.repos, {
      actor: caller.actor,
      role: caller.user!.role,
      caseId: query.case_id,
      mediaId: params.id,
      purpose: "reveal",
    });
    const bytes = await ctx.vault.get(media.blobRef);
    const range = parseByteRange(request.headers.range, bytes.length);
    const partial = typeof range === "object" && range.start > 0;
    await ctx.repos.audit.append({
      actor: caller.actor,
      action: partial ? "media.reveal.range" : "media.reveal",
      targetType: "media",
      targetId: media.id,
      detail:
        typeof range === "object"
          ? { case_id: row.id, range: [range.start, range.end] }
          : { case_id: row.id },
    });
    reply.header("content-type", media.mime ?? "application/octet-stream");
    reply.header("cache-control", "no-store");
    reply.header("accept-ranges", "bytes");
    if (range === "unsatisfiable") {
      reply.status(416).header("content-range", `bytes */${bytes.length}`);
      return reply.send(Buffer.alloc(0));
    }
    if (typeof range === "object") {
      reply.status(206).header("content-range", `bytes ${range.start}-${range.end}/${bytes.length}`);
      return reply.send(bytes.subarray(range.start, range.end + 1));
    }
    return reply.send(bytes);
  },
});
