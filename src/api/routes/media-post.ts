/**
 * POST /v1/media: upload one image or video (multipart, field `file`; mp4, webm,
 * mov and the other formats sniff.ts knows, told apart by content). It is hashed
 * on arrival (PDQ, or vPDQ for a video) and sealed into the encrypted vault; the
 * answer's `media_id` can be used as a photo in events and as a report attachment.
 */
import { z } from "zod";
import { MEDIA_KINDS } from "../../store/schema.js";
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
  /** From the magic bytes: a video has vPDQ (`vpdq_frames` hashed frames) and no single PDQ. */
  kind: z.enum(MEDIA_KINDS),
  vpdq_frames: z.number().nullable(),
});

export const postMedia = defineRoute({
  method: "POST",
  url: "/v1/media",
  summary:
    "Upload an image or video (multipart/form-data, field `file`); hashed on arrival, encrypted at rest",
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
