/** GET /v1/console/session: who is signed in, what their role allows (the page shows only that), and their exposure this shift. */
import { z } from "zod";
import { ROLE_PERMISSIONS } from "../../access/roles.js";
import { exposure } from "../console-exposure.js";
import { ConsoleUserView } from "../console-views.js";
import { defineRoute } from "../route.js";

export const getConsoleSession = defineRoute({
  method: "GET",
  url: "/v1/console/session",
  summary: "The signed-in console user and their permissions",
  scope: null,
  permission: "signed_in",
  responses: { 200: z.object({ user: ConsoleUserView }) },
  async handler(ctx, { caller }) {
    const user = caller.user!;
    return {
      user: {
        email: user.email,
        name: user.name,
        role: user.role,
        permissions: [...ROLE_PERMISSIONS[user.role]],
        exposure: await exposure(ctx, caller.actor),
      },
    };
  },
});
