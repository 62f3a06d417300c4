/** POST /v1/expansions: expand from a seed group or account and store the ranked candidates. */
import { ErrorBody } from "../errors.js";
import { createExpansion } from "../expansion-handlers.js";
import { ExpansionRequest, ExpansionResponse } from "../expansion-views.js";
import { defineRoute } from "../route.js";

export const postExpansion = defineRoute({
  method: "POST",
  url: "/v1/expansions",
  summary: "Expand from a seed to candidates ranked by explainable evidence (network expansion)",
  scope: "expansions:write",
  body: ExpansionRequest,
  responses: { 201: ExpansionResponse, 404: ErrorBody },
  async handler(ctx, { body, caller, reply }) {
    const result = await createExpansion(ctx, body, caller.actor);
    reply.code(201);
    return result;
  },
});
