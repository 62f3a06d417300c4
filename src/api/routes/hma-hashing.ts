/**
 * HMA's hashing API on Vigil (OpenMediaMatch `/h`): `POST /h/hash` hashes an
 * uploaded file (multipart, the field named `photo` or `video`), `GET /h/hash`
 * the media at `url`; both answer `{signal_type: hash}`. Nothing is stored.
 */
import { z } from "zod";
import { hashUpload, hashUrl } from "../hma-media.js";
import { defineRoute } from "../route.js";

const Hashes = z.record(z.string(), z.string());

export const postHmaHash = defineRoute({
  method: "POST",
  url: "/h/hash",
  summary: "HMA: hash an uploaded photo or video (multipart field `photo` or `video`)",
  scope: "media:write",
  consumes: "multipart/form-data",
  responses: { 200: Hashes },
  async handler(ctx, { request }) {
    return hashUpload(ctx, request);
  },
});

export const getHmaHash = defineRoute({
  method: "GET",
  url: "/h/hash",
  summary: "HMA: hash the media at a public URL",
  scope: "media:write",
  query: z.object({
    url: z.string().max(4096),
    content_type: z.string().max(50).optional(),
    types: z.string().max(200).optional(),
  }),
  responses: { 200: Hashes },
  async handler(ctx, { query }) {
    return hashUrl(ctx, query.url, query.content_type, query.types);
  },
});
