/** PUT /v1/console/settings: the organisation's console defaults (admins): preview wellness, default SLA, bulk size a lead confirms. */
import { z } from "zod";
import { OrgSettingsView, orgSettingsView } from "../console-preferences.js";
import { defineRoute } from "../route.js";

export const putConsoleSettings = defineRoute({
  method: "PUT",
  url: "/v1/console/settings",
  summary:
    "Set the organisation's console defaults: blur, grayscale, default SLA, bulk lead-confirmation size",
  scope: null,
  permission: "users.manage",
  body: z.strictObject({
    blur: z.boolean().optional(),
    grayscale: z.boolean().optional(),
    default_sla_seconds: z
      .number()
      .int()
      .min(60)
      .max(90 * 86400)
      .optional(),
    bulk_lead_confirm_above: z.number().int().min(0).max(100_000).optional(),
  }),
  responses: { 200: OrgSettingsView },
  async handler(ctx, { body, caller }) {
    const saved = await ctx.repos.consoleSettings.updateOrg(
      {
        ...(body.blur !== undefined ? { blur: body.blur } : {}),
        ...(body.grayscale !== undefined ? { grayscale: body.grayscale } : {}),
        ...(body.default_sla_seconds !== undefined ? { defaultSlaSeconds: body.default_sla_seconds } : {}),
        ...(body.bulk_lead_confirm_above !== undefined
          ? { bulkLeadConfirmAbove: body.bulk_lead_confirm_above }
          : {}),
      },
      caller.actor,
    );
    await ctx.repos.audit.append({
      actor: caller.actor,
      action: "console.settings",
      targetType: "organisation",
      targetId: "console",
      detail: { ...body },
    });
    return orgSettingsView(saved);
  },
});
