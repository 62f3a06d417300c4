/**
 * The crawl scheduler inside `vigil serve` (workers only): the configured
 * sources crawled on their schedules, liveness re-checks, removal reports
 * and retried submissions (src/crawl/crawl-scheduler.ts), with the crawler's
 * metrics. Inside the server the crawler submits in-process, through the same
 * validation and intake as POST /v1/media and /v1/events, so a crawl needs no
 * API key; a crawler on another machine uses HttpServiceClient instead.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { loadCrawlConfig } from "../crawl/crawl-config.js";
import { CrawlScheduler, type TickSummary } from "../crawl/crawl-scheduler.js";
import type { PreviewBases } from "../crawl/preview/preview-sources.js";
import { timeToRemovalSeconds } from "../crawl/removal-event.js";
import type { ServiceClient } from "../crawl/service-client.js";
import type { PlatformEvent } from "../domain/event-schema.js";
import { acceptEvents, validateEvents } from "../intake/accept-events.js";
import { crawlMetrics } from "../metrics/crawl-metrics.js";
import type { AppContext, ServerCrawlConfig } from "./context.js";

export interface ServerCrawl {
  scheduler: CrawlScheduler;
  stop(): Promise<void>;
}

/** The crawler's submissions, taken in-process as the public routes take them. */
export function inProcessServiceClient(ctx: AppContext): ServiceClient {
  return {
    async uploadMedia(bytes, _contentType) {
      const stored = await ctx.intakeMedia({ kind: "bytes", bytes });
      await ctx.repos.audit.append({
        actor: "system:crawler",
        action: "media.upload",
        targetType: "media",
        targetId: stored.media_id,
      });
      return stored.media_id;
    },
    async submitEvents(events: PlatformEvent[]) {
      const results = await acceptEvents(ctx.repos.events, ctx.queue, validateEvents(events));
      for (const r of results) ctx.metrics.eventsReceived.inc({ outcome: r.status });
      return results;
    },
  };
}

export function startServerCrawl(
  ctx: AppContext,
  config: ServerCrawlConfig,
  bases: PreviewBases,
): ServerCrawl {
  const sources = config.configFile ? loadCrawlConfig(config.configFile) : null;
  const links = ctx.repos.crawlLinks;
  const schedule = ctx.repos.crawlSchedule;
  let lastTickSeconds = 0;
  const metrics = crawlMetrics(ctx.metrics.registry, () => lastTickSeconds);
  const refresh = async (summary: TickSummary) => {
    metrics.ticks.inc({ lease: summary.held ? "held" : "standby" });
    if (summary.held) {
      lastTickSeconds = Date.parse(summary.finishedAt) / 1000;
      metrics.checks.inc({}, summary.checked);
      for (const s of summary.sources) {
        metrics.pages.inc({ outcome: "fetched" }, s.pagesFetched);
        metrics.pages.inc({ outcome: "refused" }, s.pagesRefused);
      }
    }
    metrics.timeToRemoval.replace(
      (await schedule.removalTimes()).map((r) => {
        const took = timeToRemovalSeconds(r);
        return { labels: { platform: r.platform, since: took.since }, value: took.seconds };
      }),
    );
    metrics.links.replace(
      (await links.livenessCounts()).map((c) => ({
        labels: { platform: c.platform, liveness: c.liveness },
        value: c.n,
      })),
    );
    const counts = await schedule.submissionCounts();
    metrics.submissions.replace(
      Object.entries(counts).map(([state, value]) => ({ labels: { state }, value })),
    );
  };
  const scheduler = new CrawlScheduler({
    links,
    schedule,
    client: inProcessServiceClient(ctx),
    config: sources,
    previewBases: bases,
    networkAllowHosts: config.networkAllowHosts,
    holder: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    tickMs: config.tickMs,
    leaseMs: config.leaseMs,
    retry: config.retry,
    now: config.now,
    log: ctx.log.child({ module: "crawl" }),
    onTick: (summary) =>
      refresh(summary).catch((error: unknown) =>
        ctx.log.warn({ err: error }, "crawl metrics refresh failed"),
      ),
  });
  scheduler.start();
  return { scheduler, stop: () => scheduler.stop() };
}
