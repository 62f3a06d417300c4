/**
 * PUT /v1/console/preferences: a user's own preview preferences; null goes
 * back to the organisation's default. Previews stay 32 px either way: the
 * choice is how soft or grey the thumbnail is, never the full image, which
 * still needs the audited reveal.
 */
import { z } from "zod";
import { PreferencesView, preferencesView } from "../console-preferences.js";
import { defineRoute } from "../route.js";

export const putConsolePreferences = defineRoute({
  method: "PUT",
  url: "/v1/console/preferences",
  summary: "Set the signed-in user's preview preferences (null: follow the organisation)",
  scope: null,
  permission: "signed_in",
  body: z.strictObject({
    blur: z.boolean().nullable().optional(),
    grayscale: z.boolean().nullable().optional(),
  }),
  responses: { 200: PreferencesView },
  async handler(ctx, { body, caller }) {
    const wellness = await ctx.repos.consoleSettings.updateWellness(caller.user!.id, body);
    await ctx.repos.audit.append({
      actor: caller.actor,
      action: "console.preferences",
      targetType: "user",
      targetId: caller.user!.email,
      detail: { ...body },
    });
    return preferencesView(wellness, await ctx.repos.consoleSettings.org());
  },
});
