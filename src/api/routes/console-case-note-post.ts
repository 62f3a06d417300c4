/** POST /v1/console/cases/:id/notes: an append-only note on the case (a `comment` moderation event, searchable). */
import { z } from "zod";
import { openableCase } from "../console-case-access.js";
import { NoteBody, NoteView } from "../review-views.js";
import { defineRoute } from "../route.js";

export const postConsoleCaseNote = defineRoute({
  method: "POST",
  url: "/v1/console/cases/:id/notes",
  summary: "Add a note to a case (append-only, shown in its log, searchable)",
  scope: null,
  permission: "cases.read",
  params: z.object({ id: z.coerce.number().int().positive() }),
  body: NoteBody,
  responses: { 201: z.object({ note: NoteView }) },
  async handler(ctx, { params, body, caller, reply }) {
    await openableCase(ctx, params.id, caller);
    const note = await ctx.review.addNote(params.id, caller.actor, body.text);
    reply.status(201);
    return { note };
  },
});
