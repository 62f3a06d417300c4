/** GET /metrics: Prometheus text exposition (serve it on an internal network only). */
import { z } from "zod";
import { defineRoute } from "../route.js";

export const getMetrics = defineRoute({
  method: "GET",
  url: "/metrics",
  summary: "Prometheus metrics: intake, decisions, intake-to-decision latency, queue depth, webhooks",
  scope: null,
  responses: { 200: z.string() },
  async handler(ctx, { reply }) {
    reply.header("content-type", "text/plain; version=0.0.4; charset=utf-8");
    return reply.send(ctx.metrics.registry.render());
  },
});
