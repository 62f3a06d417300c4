/**
 * POST /v1/media: upload one image (multipart, field `file`). It is hashed on
 * arrival and sealed into the encrypted vault; the answer's `media_id` can be
 * used as a photo in events and reports.
 */
import { z } from "zod";
import { defineRoute } from "../route.js";
import { uploadedFile } from "../uploaded-file.js";

export const MediaView = z.object({
  media_id: z.string(),
  sha256: z.string().nullable(),
  md5: z.string().nullable(),
  pdq: z.string().nullable(),
  quality: z.number().nullable(),
  mime: z.string().nullable(),
  size: z.number().nullable(),
});

export const postMedia = defineRoute({
  method: "POST",
  url: "/v1/media",
  summary: "Upload an image (multipart/form-data, field `file`); hashed on arrival, encrypted at rest",
  scope: "media:write",
  consumes: "multipart/form-data",
  responses: { 201: MediaView },
  async handler(ctx, { request, reply, caller }) {
    const stored = await ctx.intakeMedia({ kind: "bytes", ...(await uploadedFile(request)) });
    await ctx.repos.audit.append({
      actor: caller.actor,
      action: "media.upload",
      targetType: "media",
      targetId: stored.media_id,
    });
    reply.status(201);
    return stored;
  },
});
