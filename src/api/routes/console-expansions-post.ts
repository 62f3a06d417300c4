/** POST /v1/console/expansions: the console's expansion (leads, admins and analysts). */
import { ErrorBody } from "../errors.js";
import { createExpansion } from "../expansion-handlers.js";
import { ExpansionRequest, ExpansionResponse } from "../expansion-views.js";
import { defineRoute } from "../route.js";

export const postConsoleExpansion = defineRoute({
  method: "POST",
  url: "/v1/console/expansions",
  summary: "Expand from a seed (console session; role needs network.expand)",
  scope: null,
  permission: "network.expand",
  body: ExpansionRequest,
  responses: { 201: ExpansionResponse, 404: ErrorBody },
  async handler(ctx, { body, caller, reply }) {
    const result = await createExpansion(ctx, body, caller.actor);
    reply.code(201);
    return result;
  },
});
