/** GET /v1/console/dashboard.csv: the dashboard's figures for the same period as CSV (section, key, metric, value). */
import { z } from "zod";
import { DashboardQuery, dashboardCsv, dashboardPeriod, dashboardView } from "../console-dashboard.js";
import { defineRoute } from "../route.js";

export const getConsoleDashboardCsv = defineRoute({
  method: "GET",
  url: "/v1/console/dashboard.csv",
  summary: "The dashboard's figures as CSV",
  scope: null,
  permission: "metrics.read",
  query: DashboardQuery,
  responses: { 200: z.string().describe("text/csv") },
  async handler(ctx, { query, reply }) {
    const period = dashboardPeriod(query);
    const view = dashboardView(period, await ctx.repos.dashboard.figures(period));
    reply.header("content-type", "text/csv; charset=utf-8");
    reply.header(
      "content-disposition",
      `attachment; filename="vigil-dashboard-${view.from.slice(0, 10)}.csv"`,
    );
    return reply.send(dashboardCsv(view));
  },
});
