/** GET /v1/console/session: who is signed in and what their role allows (the page shows only that). */
import { z } from "zod";
import { ROLE_PERMISSIONS } from "../../access/roles.js";
import { ConsoleUserView } from "../console-views.js";
import { defineRoute } from "../route.js";

export const getConsoleSession = defineRoute({
  method: "GET",
  url: "/v1/console/session",
  summary: "The signed-in console user and their permissions",
  scope: null,
  permission: "signed_in",
  responses: { 200: z.object({ user: ConsoleUserView }) },
  async handler(_ctx, { caller }) {
    const user = caller.user!;
    return {
      user: {
        email: user.email,
        name: user.name,
        role: user.role,
        permissions: [...ROLE_PERMISSIONS[user.role]],
      },
    };
  },
});
