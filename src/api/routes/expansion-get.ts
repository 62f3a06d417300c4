/** GET /v1/expansions/:id: a stored expansion with its ranked candidates and their evidence. */
import { z } from "zod";
import { ErrorBody } from "../errors.js";
import { getExpansion } from "../expansion-handlers.js";
import { ExpansionResponse } from "../expansion-views.js";
import { defineRoute } from "../route.js";

export const getExpansionById = defineRoute({
  method: "GET",
  url: "/v1/expansions/:id",
  summary: "A stored expansion: seed, parameters, summary and ranked candidates with evidence",
  scope: "expansions:read",
  params: z.object({ id: z.string().min(1).max(100) }),
  responses: { 200: ExpansionResponse, 404: ErrorBody },
  handler: (ctx, { params }) => getExpansion(ctx, params.id),
});
