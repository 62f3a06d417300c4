/** GET /v1/console/crawl: the crawler's status for the console (who may read metrics). */
import { CrawlStatus } from "../crawl-status-schema.js";
import { crawlStatusView } from "../crawl-status-view.js";
import { defineRoute } from "../route.js";

export const getConsoleCrawl = defineRoute({
  method: "GET",
  url: "/v1/console/crawl",
  summary: "The crawler: last round, runs, links by liveness, time to removal per platform",
  scope: null,
  permission: "metrics.read",
  responses: { 200: CrawlStatus },
  handler: (ctx) => crawlStatusView(ctx.repos, 10),
});
