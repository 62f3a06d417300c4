/**
 * GET /v1/console/media/:id/preview?case_id=N: what the page shows by
 * default, made on the server: shrunk to 32 px, grayscale and blurred (the
 * user's wellness preferences, else the organisation's, may keep colour; the
 * blur goes only where the organisation does not require it; never the size).
 * Like a reveal, only for media the case shows, from a case the role may open
 * (review/case-media.ts; a refusal is a 403 in the audit log). The full image never
 * reaches the browser until a reviewer reveals it (console-media-content),
 * so "blurred by default" does not depend on a style sheet.
 *
 * A video's preview is one still (`part` 0..3 picks the middle of each quarter,
 * for a strip), taken by the sandboxed ffmpeg at 64 px and then made the same
 * 32 px grayscale, blurred PNG.
 */
import sharp from "sharp";
import { z } from "zod";
import { declaredPixels } from "../../hashing/decode-image.js";
import { STILL_PARTS, videoStill, vpdqSeconds } from "../../media/video-still.js";
import { openCaseMedia } from "../../review/case-media.js";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

const PREVIEW_PX = 32;

export const getConsoleMediaPreview = defineRoute({
  method: "GET",
  url: "/v1/console/media/:id/preview",
  summary:
    "A tiny grayscale, blurred preview of media a case shows (not audited: it shows nothing identifiable; refusals are)",
  scope: null,
  permission: "cases.read",
  params: z.object({ id: z.string().max(100) }),
  query: z.object({
    case_id: z.coerce.number().int().positive(),
    part: z.coerce
      .number()
      .int()
      .min(0)
      .max(STILL_PARTS - 1)
      .default(0),
  }),
  responses: { 200: z.string().describe("PNG bytes") },
  async handler(ctx, { params, query, reply, caller }) {
    const { media: row } = await openCaseMedia(ctx.repos, {
      actor: caller.actor,
      role: caller.user!.role,
      caseId: query.case_id,
      mediaId: params.id,
      purpose: "preview",
    });
    const stored = await ctx.vault.get(row.blobRef);
    const bytes =
      row.kind === "video"
        ? await videoStill(stored, query.part, vpdqSeconds(row.vpdq), PREVIEW_PX * 2)
        : stored;
    if (!bytes) throw new ApiError("NotFound", `no frame to preview in ${params.id}`);
    // The user's wellness preference (else the organisation's) softens or greys the thumbnail;
    // it is 32 px whatever they choose, so nothing identifiable reaches the page unrevealed.
    const { effective } = await ctx.repos.consoleSettings.wellness(caller.user!.id);
    let image = sharp(bytes, { limitInputPixels: 100_000_000 }).resize(PREVIEW_PX, PREVIEW_PX, {
      fit: "inside",
    });
    if (effective.grayscale) image = image.grayscale().toColourspace("b-w");
    if (effective.blur) image = image.blur(1.5);
    // Shrinking still decodes every pixel: it takes its share of the decode budget like an upload.
    const pixels = row.kind === "video" ? PREVIEW_PX * PREVIEW_PX * 4 : await declaredPixels(bytes);
    const preview = await ctx.decodeBudget.run(pixels, () => image.png().toBuffer());
    reply.header("content-type", "image/png");
    // Not cached: a changed preference must show at once.
    reply.header("cache-control", "private, no-store");
    return reply.send(preview);
  },
});
