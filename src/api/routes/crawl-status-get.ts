/** GET /v1/crawl/status: the crawl scheduler's lease and last round, runs and their progress, links, time to removal. */
import { z } from "zod";
import { CrawlStatus } from "../crawl-status-schema.js";
import { crawlStatusView } from "../crawl-status-view.js";
import { defineRoute } from "../route.js";

export const getCrawlStatus = defineRoute({
  method: "GET",
  url: "/v1/crawl/status",
  summary:
    "The crawl scheduler: lease and last round, runs and their progress, links by liveness, time to removal",
  scope: "cases:read",
  query: z.object({ runs: z.coerce.number().int().min(1).max(100).default(10) }),
  responses: { 200: CrawlStatus },
  handler: (ctx, { query }) => crawlStatusView(ctx.repos, query.runs),
});
