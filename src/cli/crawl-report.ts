/**
 * `vigil crawl status`, `links` and `check`: what the stored crawl state says
 * (runs with per-source stats, links by liveness, time-to-removal per
 * platform), and one round of liveness re-checks.
 */
import { checkDueLinks } from "../crawl/check-links.js";
import { createCrawlTools } from "../crawl/crawl-tools.js";
import { RECHECK_AFTER_ACTION } from "../crawl/liveness.js";
import { INVITE_PLATFORMS } from "../crawl/platforms.js";
import { previewBases } from "../crawl/preview/preview-sources.js";
import { timeToRemoval } from "../crawl/removal-metrics.js";
import { CrawlRepository } from "../store/repositories/crawl-repository.js";
import { CrawlScheduleRepository } from "../store/repositories/crawl-schedule-repository.js";
import { type StoreOptions, withStore } from "./open-store.js";
import { writeLine } from "./write-line.js";

function minutes(ms: number | null): string {
  return ms === null ? "-" : `${(ms / 60_000).toFixed(1)} min`;
}

export async function crawlStatus(options: StoreOptions & { json: boolean }): Promise<void> {
  await withStore(options, async (database) => {
    const repo = new CrawlRepository(database.db);
    const runs = await repo.runs(20);
    const liveness = await repo.livenessCounts();
    const samples = (await repo.removalSamples()).flatMap((s) => {
      const platform = INVITE_PLATFORMS.find((p) => p === s.platform);
      return platform ? [{ ...s, platform }] : [];
    });
    const removal = timeToRemoval(samples);
    const submissions = await new CrawlScheduleRepository(database.db).submissionCounts();
    if (options.json) {
      await writeLine(JSON.stringify({ runs, liveness, time_to_removal: removal, submissions }));
      return;
    }
    await writeLine("runs (newest first):");
    for (const run of runs) {
      const pages = await repo.pageStates(run.id);
      const summary = pages.map((p) => `${p.state}${p.reason ? `:${p.reason}` : ""} ${p.n}`).join(", ");
      await writeLine(
        `  #${run.id} ${run.source} ${run.status} since ${run.startedAt.toISOString()}: ${summary}`,
      );
    }
    await writeLine("links by liveness:");
    for (const row of liveness) await writeLine(`  ${row.platform} ${row.liveness} ${row.n}`);
    await writeLine(
      `submissions: ${submissions.submitted} sent, ${submissions.pending} waiting (${submissions.failing} failed before)`,
    );
    await writeLine("time to removal after action:");
    for (const r of removal) {
      await writeLine(
        `  ${r.platform}: ${r.removed} removed, ${r.pending} pending, median ${minutes(r.medianMs)}, p90 ${minutes(r.p90Ms)}`,
      );
    }
  });
}

export async function crawlLinks(
  options: StoreOptions & { platform?: string; liveness?: string; limit: number },
): Promise<void> {
  await withStore(options, async (database) => {
    const rows = await new CrawlRepository(database.db).links(options);
    for (const row of rows) {
      await writeLine(
        JSON.stringify({
          platform: row.platform,
          code: row.code,
          url: row.url,
          found_on: row.foundOn,
          category: row.category,
          title: row.title,
          liveness: row.liveness,
          removed_at: row.removedAt,
          next_check_at: row.nextCheckAt,
        }),
      );
    }
  });
}

export async function crawlCheck(
  options: StoreOptions & { allowHost: string[]; limit: number },
): Promise<void> {
  await withStore(options, async (database) => {
    const repo = new CrawlRepository(database.db);
    await repo.markActioned(RECHECK_AFTER_ACTION.firstMs);
    const tools = createCrawlTools({ networkAllowHosts: options.allowHost });
    const checked = await checkDueLinks(
      repo,
      { bases: previewBases(process.env), fetch: tools.fetch, maxImageBytes: 10 * 1024 * 1024 },
      () => new Date(),
      options.limit,
    ).finally(() => tools.close());
    for (const c of checked) await writeLine(JSON.stringify(c));
  });
}
