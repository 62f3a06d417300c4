/** GET /openapi.json: the contract, generated from the routes. */
import { z } from "zod";
import { defineRoute } from "../route.js";

export const getOpenApi = defineRoute({
  method: "GET",
  url: "/openapi.json",
  summary: "This API's OpenAPI 3.1 document",
  scope: null,
  responses: { 200: z.record(z.string(), z.unknown()) },
  async handler(ctx) {
    return ctx.openApi();
  },
});
