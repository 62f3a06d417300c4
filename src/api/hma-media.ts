/**
 * What HMA's hashing and lookup routes share: the media to hash comes as an
 * upload whose field names its content type (`photo`, `video`) or as a URL
 * fetched through the SSRF guard of event intake; the service's refusals
 * become Vigil's named API errors (HMA's clients read the status code).
 */
import type { FastifyRequest } from "fastify";
import type { AppContext } from "../app/context.js";
import { HmaError } from "../exchange/hma-service.js";
import { fetchPublicMedia } from "../media/fetch-public-media.js";
import { hashMediaBytes } from "../media/hash-media-bytes.js";
import { ApiError } from "./errors.js";
import { uploadedFile } from "./uploaded-file.js";

/** Runs a service call, turning its refusals into API errors. */
export async function hmaCall<T>(call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof HmaError) throw new ApiError(error.kind, error.message);
    throw error;
  }
}

/** HMA's signal hashes of one uploaded file (field `photo` or `video`). */
export async function hashUpload(ctx: AppContext, request: FastifyRequest): Promise<Record<string, string>> {
  const upload = await uploadedFile(request, ["photo", "video"]);
  const media = await hashMediaBytes(upload.bytes);
  return hmaCall(() => ctx.hma.hashes(media, upload.field));
}

/** HMA's signal hashes of the media at a public URL. */
export async function hashUrl(
  ctx: AppContext,
  url: string,
  contentType?: string,
  types?: string,
): Promise<Record<string, string>> {
  const fetched = await fetchPublicMedia(url, { maxBytes: ctx.config.mediaLimitBytes });
  const media = await hashMediaBytes(fetched.bytes);
  return hmaCall(() => ctx.hma.hashes(media, contentType, types));
}
