/** GET /v1/console/dashboard: the period's figures for the dashboard's charts (leads, analysts, admins). */
import { z } from "zod";
import { DashboardQuery, DashboardView, dashboardPeriod, dashboardView } from "../console-dashboard.js";
import { defineRoute } from "../route.js";

export const getConsoleDashboard = defineRoute({
  method: "GET",
  url: "/v1/console/dashboard",
  summary:
    "Events in, cases opened and closed, automatic vs human decisions, time to action, by type, source, queue and reviewer",
  scope: null,
  permission: "metrics.read",
  query: DashboardQuery,
  responses: { 200: DashboardView, 400: z.unknown() },
  async handler(ctx, { query }) {
    const period = dashboardPeriod(query);
    return dashboardView(period, await ctx.repos.dashboard.figures(period));
  },
});
