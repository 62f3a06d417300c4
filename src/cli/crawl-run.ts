/**
 * `vigil crawl run`: each source crawled in turn, with progress on stderr and
 * per-source stats at the end. --json prints one line per distinct invite
 * link; --submit resolves each new link's preview and submits it to a running
 * service; --persist keeps the run in the store, so a crashed run resumes, and
 * with --submit queues each new link there: submissions the service does not
 * take (down, 5xx, timeout) are retried with backoff on the next run.
 */
import { type CrawlConfig, loadCrawlConfig, type SourceConfig } from "../crawl/crawl-config.js";
import { type CrawlJournal, MemoryCrawlJournal } from "../crawl/crawl-journal.js";
import { createCrawlTools } from "../crawl/crawl-tools.js";
import { type DrainResult, drainSubmissions } from "../crawl/drain-submissions.js";
import type { FoundInvite } from "../crawl/listing.js";
import { previewBases } from "../crawl/preview/preview-sources.js";
import { QueueingJournal } from "../crawl/queueing-journal.js";
import { runSource, type SourceStats } from "../crawl/run-crawl.js";
import { dueSources } from "../crawl/schedule.js";
import { HttpServiceClient } from "../crawl/service-client.js";
import { StoredCrawlJournal } from "../crawl/stored-crawl-journal.js";
import { submitDiscovery } from "../crawl/submit-discovery.js";
import type { Database } from "../store/database.js";
import { CrawlRepository } from "../store/repositories/crawl-repository.js";
import { CrawlScheduleRepository } from "../store/repositories/crawl-schedule-repository.js";
import { startCrawlProgress } from "./crawl-progress.js";
import { openStore, type StoreOptions } from "./open-store.js";
import type { ProgressPreference } from "./progress.js";
import { writeLine } from "./write-line.js";

export interface RunOptions extends StoreOptions {
  persist: boolean;
  /** Only sources whose schedule says they are due (needs --persist for the last run times). */
  due: boolean;
  config?: string;
  start: string[];
  allowHost: string[];
  maxPages?: number;
  maxDepth?: number;
  json: boolean;
  progress?: boolean;
  submit?: string;
  intervalMs?: number;
}

/** The configuration: the file, or one site source built from --start. */
function configFrom(options: RunOptions): CrawlConfig {
  const config: CrawlConfig = options.config
    ? loadCrawlConfig(options.config)
    : {
        sources: [
          {
            kind: "site",
            name: "command-line",
            start_urls: options.start,
            max_depth: options.maxDepth ?? 3,
            max_pages: options.maxPages ?? 1000,
          },
        ],
        network_allow_hosts: [],
        politeness: {
          min_interval_ms: 1000,
          host_concurrency: 2,
          concurrency: 8,
          timeout_ms: 10_000,
          max_bytes: 5 * 1024 * 1024,
        },
      };
  if (options.config && options.start.length > 0) throw new Error("give --config or --start, not both");
  if (!options.config && options.start.length === 0) throw new Error("give --start URL or --config FILE");
  config.network_allow_hosts = [...config.network_allow_hosts, ...options.allowHost];
  if (options.intervalMs !== undefined) config.politeness.min_interval_ms = options.intervalMs;
  config.sources = config.sources.map((source): SourceConfig => {
    const hosts = source.kind === "site" ? source.start_urls : [source.url];
    const withHosts = {
      ...source,
      // Hosts named with --allow-host are also crawled, so a mirror on 127.0.0.1 is in reach.
      hosts: [...(source.hosts ?? hosts.map((u) => new URL(u).hostname)), ...options.allowHost],
    };
    return options.maxPages !== undefined ? { ...withHosts, max_pages: options.maxPages } : withHosts;
  });
  return config;
}

function formatStats(stats: SourceStats): string {
  const refusals = Object.entries(stats.refusals)
    .map(([reason, n]) => `${reason} ${n}`)
    .join(", ");
  return (
    `${stats.source}: ${stats.pagesFetched} pages fetched, ${stats.pagesRefused} refused` +
    `${refusals ? ` (${refusals})` : ""}, ${stats.invites} invite links, ${stats.seconds.toFixed(1)} s`
  );
}

export async function runCrawl(options: RunOptions): Promise<number> {
  const config = configFrom(options);
  const tools = createCrawlTools({
    networkAllowHosts: config.network_allow_hosts,
    minIntervalMs: config.politeness.min_interval_ms,
    hostConcurrency: config.politeness.host_concurrency,
    concurrency: config.politeness.concurrency,
    timeoutMs: config.politeness.timeout_ms,
    maxBytes: config.politeness.max_bytes,
  });
  const apiKey = process.env.VIGIL_API_KEY;
  if (options.submit && !apiKey) throw new Error("--submit needs VIGIL_API_KEY");
  const client = options.submit && apiKey ? new HttpServiceClient(options.submit, apiKey) : undefined;
  const preference: ProgressPreference =
    options.progress === undefined ? "auto" : options.progress ? "always" : "never";
  let failures = 0;
  const database: Database | null = options.persist ? await openStore(options) : null;
  const repo = database ? new CrawlRepository(database.db) : null;
  // With the store, submissions go through its queue (kept until the service takes them).
  const queue = database && client ? new CrawlScheduleRepository(database.db) : null;
  const preview = {
    bases: previewBases(process.env),
    fetch: tools.fetch,
    withImage: true,
    maxImageBytes: 10 * 1024 * 1024,
  };
  const drain = async (): Promise<void> => {
    if (!queue || !client) return;
    const result: DrainResult = await drainSubmissions(queue, client, { preview, now: () => new Date() });
    for (const error of result.errors) process.stderr.write(`vigil crawl: ${error} (will retry)\n`);
    const left = await queue.submissionCounts();
    process.stderr.write(
      `submissions: ${result.submitted} sent, ${result.failed} failed, ${left.pending} waiting for a retry\n`,
    );
    failures += result.failed;
  };
  try {
    // What earlier runs could not submit goes first, without waiting out its backoff.
    await queue?.retryNow(new Date());
    await drain();
    if (options.due && !repo)
      throw new Error("--due needs --persist (the last run of each source is in the store)");
    const sources =
      options.due && repo
        ? dueSources(config.sources, await repo.lastFinished(), new Date())
        : config.sources;
    for (const source of sources) {
      const opened = repo ? await repo.openRun(source.name) : null;
      if (opened?.resumed) process.stderr.write(`${source.name}: resuming run ${opened.runId}\n`);
      const stored: CrawlJournal =
        repo && opened ? new StoredCrawlJournal(repo, opened.runId) : new MemoryCrawlJournal();
      const journal = queue
        ? new QueueingJournal(stored, {
            queue: (invites) => queue.enqueue("discovered", invites, new Date()),
          })
        : stored;
      let pagesSeen = 0;
      const progress = startCrawlProgress(source.name, preference);
      const pending: Promise<void>[] = [];
      const onInvite = (invite: FoundInvite) => {
        progress.invite();
        if (options.json) {
          pending.push(
            Promise.resolve(
              writeLine(
                JSON.stringify({
                  platform: invite.platform,
                  code: invite.code,
                  url: invite.url,
                  found_on: invite.foundOn,
                  category: invite.category ?? null,
                  title: invite.title ?? null,
                }),
              ),
            ),
          );
        }
        if (client && !queue) {
          pending.push(
            submitDiscovery(invite, preview, client).then(
              () => undefined,
              (error: unknown) => {
                failures++;
                process.stderr.write(
                  `vigil crawl: ${invite.url}: ${error instanceof Error ? error.message : String(error)}\n`,
                );
              },
            ),
          );
        }
      };
      const stats = await runSource(source, tools, journal, {
        onPage: (record) => {
          pagesSeen++;
          progress.page(record.outcome === "refused", pagesSeen + 1);
        },
        onInvite,
      }).finally(() => progress.stop());
      await Promise.all(pending);
      if (repo && opened) {
        if (queue) await queue.queueUnqueued(opened.runId, new Date());
        await repo.finishRun(opened.runId, { ...stats });
      }
      process.stderr.write(`${formatStats(stats)}\n`);
    }
    await drain();
  } finally {
    await tools.close();
    await database?.close();
  }
  return failures > 0 ? 1 : 0;
}
