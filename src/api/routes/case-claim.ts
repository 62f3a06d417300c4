/** POST /v1/cases/:id/claim: take a case; a case held by someone else answers 409 CaseConflict. */
import { z } from "zod";
import { defineRoute } from "../route.js";
import { CaseView, caseView } from "./case-view.js";

export const claimCase = defineRoute({
  method: "POST",
  url: "/v1/cases/:id/claim",
  summary:
    "Claim a case for review (the caller's identity, or `reviewer` when a console claims for a person)",
  scope: "cases:write",
  params: z.object({ id: z.coerce.number().int().positive() }),
  body: z.strictObject({ reviewer: z.string().min(1).max(200).optional() }).optional(),
  responses: { 200: z.object({ case: CaseView }) },
  async handler(ctx, { params, body, caller }) {
    const actor = body?.reviewer ? `${caller.actor}/${body.reviewer}` : caller.actor;
    return { case: caseView(await ctx.repos.cases.claim(params.id, actor)) };
  },
});
