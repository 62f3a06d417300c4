/** POST /v1/console/search/image: search by an uploaded image as the signed-in user (hashed in memory, audited). */
import { viewerOf } from "../console-case-access.js";
import { defineRoute } from "../route.js";
import { searchUploadedImage } from "../search-image.js";
import { ImageSearchQuery, SearchResponseView } from "../search-views.js";

export const postConsoleSearchImage = defineRoute({
  method: "POST",
  url: "/v1/console/search/image",
  summary: "Search by an image (multipart field `file`) as the signed-in user; nothing is stored",
  scope: null,
  permission: "cases.read",
  consumes: "multipart/form-data",
  query: ImageSearchQuery,
  responses: { 200: SearchResponseView },
  async handler(ctx, { query, caller, request }) {
    return searchUploadedImage(ctx, request, query, viewerOf(caller));
  },
});
