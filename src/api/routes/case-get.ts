/** GET /v1/cases/:id: a case and its moderation history. */
import { z } from "zod";
import { uncheckedPhotos } from "../../review/unchecked-photos.js";
import { UncheckedPhotoView } from "../console-views.js";
import { defineRoute } from "../route.js";
import { CaseView, caseView, ModerationEventView, moderationEventView } from "./case-view.js";

export const getCase = defineRoute({
  method: "GET",
  url: "/v1/cases/:id",
  summary:
    "A case with its moderation events, oldest first, and its subject's photos that could not be checked",
  scope: "cases:read",
  params: z.object({ id: z.coerce.number().int().positive() }),
  responses: {
    200: z.object({
      case: CaseView,
      events: z.array(ModerationEventView),
      unchecked_photos: z.array(UncheckedPhotoView),
    }),
  },
  async handler(ctx, { params }) {
    const found = await ctx.repos.cases.get(params.id);
    return {
      case: caseView(found.case),
      events: found.events.map(moderationEventView),
      unchecked_photos: await uncheckedPhotos(ctx.repos.subjectHistory, found.case),
    };
  },
});
