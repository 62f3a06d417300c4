/** GET /v1/console/preferences: this user's wellness preferences, the organisation's defaults, and what applies. */
import { PreferencesView, preferencesView } from "../console-preferences.js";
import { defineRoute } from "../route.js";

export const getConsolePreferences = defineRoute({
  method: "GET",
  url: "/v1/console/preferences",
  summary: "The signed-in user's preview preferences (blur, grayscale) over the organisation's defaults",
  scope: null,
  permission: "signed_in",
  responses: { 200: PreferencesView },
  async handler(ctx, { caller }) {
    const [wellness, org] = await Promise.all([
      ctx.repos.consoleSettings.wellness(caller.user!.id),
      ctx.repos.consoleSettings.org(),
    ]);
    return preferencesView(wellness, org);
  },
});
