/** An uploaded image searched by its hashes: hashed in memory, never stored (the search-image routes). */
import type { FastifyRequest } from "fastify";
import type { AppContext } from "../app/context.js";
import { DEFAULT_MEDIA_HASH_OPTIONS, hashMediaBytes } from "../media/hash-media-bytes.js";
import type { Viewer } from "../review/case-list-view.js";
import type { ImageSearchQuery, SearchResponseView } from "./search-views.js";
import { uploadedFile } from "./uploaded-file.js";

export async function searchUploadedImage(
  ctx: AppContext,
  request: FastifyRequest,
  query: ImageSearchQuery,
  viewer: Viewer,
): Promise<SearchResponseView> {
  const { bytes } = await uploadedFile(request);
  const hashes = await hashMediaBytes(bytes, { ...DEFAULT_MEDIA_HASH_OPTIONS, budget: ctx.decodeBudget });
  await ctx.repos.audit.append({
    actor: viewer.actor,
    action: "search.image",
    targetType: "media",
    targetId: hashes.sha256,
    detail: { size: bytes.length },
  });
  return ctx.search.searchImage({ pdq: hashes.pdq, md5: hashes.md5, sha256: hashes.sha256 }, query, viewer);
}
