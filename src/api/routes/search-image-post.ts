/** POST /v1/search/image: search by an uploaded image's PDQ (within the radius), MD5 and SHA-256; nothing is stored. */
import { viewerOf } from "../console-case-access.js";
import { defineRoute } from "../route.js";
import { searchUploadedImage } from "../search-image.js";
import { ImageSearchQuery, SearchResponseView } from "../search-views.js";

export const postSearchImage = defineRoute({
  method: "POST",
  url: "/v1/search/image",
  summary: "Search by an image (multipart field `file`): hashed in memory, matched by PDQ radius and digests",
  scope: "cases:read",
  consumes: "multipart/form-data",
  query: ImageSearchQuery,
  responses: { 200: SearchResponseView },
  async handler(ctx, { query, caller, request }) {
    return searchUploadedImage(ctx, request, query, viewerOf(caller));
  },
});
