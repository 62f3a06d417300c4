/** GET /v1/banks: the banks, with entry counts and whether they are enabled. */
import { z } from "zod";
import { defineRoute } from "../route.js";

export const listBanks = defineRoute({
  method: "GET",
  url: "/v1/banks",
  summary: "Hash banks with their entry counts",
  scope: "banks:read",
  responses: {
    200: z.object({
      banks: z.array(
        z.object({ name: z.string(), description: z.string(), enabled: z.boolean(), entries: z.number() }),
      ),
    }),
  },
  async handler(ctx) {
    const banks = await ctx.repos.banks.list();
    return {
      banks: banks.map((b) => ({
        name: b.name,
        description: b.description,
        enabled: b.enabled,
        entries: b.entries,
      })),
    };
  },
});
