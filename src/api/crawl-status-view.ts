/**
 * The crawl status both routes answer with, read from the database (any
 * process answers for the one holding the scheduler's lease).
 */
import { SCHEDULER_LEASE } from "../crawl/crawl-scheduler.js";
import { INVITE_PLATFORMS } from "../crawl/platforms.js";
import { timeToRemoval } from "../crawl/removal-metrics.js";
import type { CrawlRepository } from "../store/repositories/crawl-repository.js";
import type { CrawlScheduleRepository } from "../store/repositories/crawl-schedule-repository.js";
import type { CrawlStatusView } from "./crawl-status-schema.js";

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));

export async function crawlStatusView(
  repos: { crawlLinks: CrawlRepository; crawlSchedule: CrawlScheduleRepository },
  recentRuns: number,
): Promise<CrawlStatusView> {
  const links = repos.crawlLinks;
  const schedule = repos.crawlSchedule;
  const lease = await schedule.lease(SCHEDULER_LEASE);
  const runs = await Promise.all(
    (await links.runs(recentRuns)).map(async (run) => ({
      id: run.id,
      source: run.source,
      status: run.status,
      started_at: run.startedAt.toISOString(),
      finished_at: run.finishedAt?.toISOString() ?? null,
      pages: Object.fromEntries(
        (await links.pageStates(run.id)).map((p) => [p.reason ? `${p.state}:${p.reason}` : p.state, p.n]),
      ),
      stats: run.stats,
    })),
  );
  const samples = (await links.removalSamples()).flatMap((s) => {
    const platform = INVITE_PLATFORMS.find((p) => p === s.platform);
    return platform ? [{ ...s, platform }] : [];
  });
  return {
    scheduler: lease
      ? {
          holder: lease.holder,
          lease_live: lease.expiresAt.getTime() > Date.now(),
          expires_at: lease.expiresAt.toISOString(),
          last_tick_at: lease.lastTickAt?.toISOString() ?? null,
          last_tick: lease.lastTick,
        }
      : null,
    runs,
    links: await links.livenessCounts(),
    submissions: await schedule.submissionCounts(),
    time_to_removal: timeToRemoval(samples).map((r) => ({
      platform: r.platform,
      removed: r.removed,
      pending: r.pending,
      median_seconds: seconds(r.medianMs),
      p90_seconds: seconds(r.p90Ms),
    })),
  };
}
