/** The wellness preferences and the organisation's console settings as the API shows them. */
import { z } from "zod";
import type { OrgSettings, UserWellness } from "../store/repositories/console-settings-repository.js";

export const OrgSettingsView = z.object({
  blur: z.boolean(),
  grayscale: z.boolean(),
  default_sla_seconds: z.number(),
  bulk_lead_confirm_above: z.number(),
});

export const PreferencesView = z.object({
  /** What this user's previews use: their own choice where made, else the organisation's. */
  effective: z.object({ blur: z.boolean(), grayscale: z.boolean() }),
  own: z.object({ blur: z.boolean().nullable(), grayscale: z.boolean().nullable() }),
  organisation: OrgSettingsView,
});
export type PreferencesView = z.infer<typeof PreferencesView>;

export function orgSettingsView(org: OrgSettings): z.infer<typeof OrgSettingsView> {
  return {
    blur: org.blur,
    grayscale: org.grayscale,
    default_sla_seconds: org.defaultSlaSeconds,
    bulk_lead_confirm_above: org.bulkLeadConfirmAbove,
  };
}

export function preferencesView(wellness: UserWellness, org: OrgSettings): PreferencesView {
  return { effective: wellness.effective, own: wellness.own, organisation: orgSettingsView(org) };
}
