/**
 * The crawl scheduler `vigil serve` runs (workers only): every tick, the
 * process holding the lease (one at a time across processes, see
 * CrawlScheduleRepository) learns which links were acted on, re-checks links
 * whose liveness check is due, queues a removal report for each link
 * confirmed dead, crawls the configured sources whose schedule is due
 * (resuming an unfinished run), and sends what is queued. Each tick's summary
 * is stored with the lease for GET /v1/crawl/status. Ticks never overlap, and
 * stop() waits for the one under way (a crawl stops between pages and
 * resumes on the next tick).
 */
import type { CrawlRepository } from "../store/repositories/crawl-repository.js";
import type { CrawlScheduleRepository } from "../store/repositories/crawl-schedule-repository.js";
import { checkDueLinks } from "./check-links.js";
import type { CrawlConfig } from "./crawl-config.js";
import type { CrawlTools } from "./crawl-site.js";
import { createCrawlTools } from "./crawl-tools.js";
import { drainSubmissions, type SubmissionRetry } from "./drain-submissions.js";
import { RECHECK_AFTER_ACTION } from "./liveness.js";
import type { PreviewBases } from "./preview/preview-sources.js";
import { QueueingJournal } from "./queueing-journal.js";
import { runSource, type SourceStats } from "./run-crawl.js";
import { dueSources } from "./schedule.js";
import type { ServiceClient } from "./service-client.js";
import { StoredCrawlJournal } from "./stored-crawl-journal.js";

export const SCHEDULER_LEASE = "crawl-scheduler";

export interface TickSummary {
  held: boolean;
  startedAt: string;
  finishedAt: string;
  actioned: number;
  checked: number;
  removed: number;
  sources: SourceStats[];
  submitted: number;
  failed: number;
  errors: string[];
  stopped: boolean;
}

export interface CrawlSchedulerDeps {
  links: CrawlRepository;
  schedule: CrawlScheduleRepository;
  client: ServiceClient;
  /** Sources to crawl on their schedules; null: liveness re-checks and retries only. */
  config: CrawlConfig | null;
  previewBases: PreviewBases;
  /** Hosts reachable on non-public addresses when there is no config (tests, mirrors). */
  networkAllowHosts?: string[];
  /** This process, as the lease names it. */
  holder: string;
  tickMs: number;
  leaseMs?: number;
  now?: () => Date;
  retry?: SubmissionRetry;
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** After every tick, held or not (metrics). */
  onTick?(summary: TickSummary): Promise<void> | void;
}

export class CrawlScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<TickSummary> | null = null;
  private stopping = false;
  private readonly now: () => Date;

  constructor(private readonly deps: CrawlSchedulerDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  start(): void {
    const loop = () => {
      if (this.stopping) return;
      this.tick()
        .catch((error: unknown) => this.deps.log.error({ err: error }, "crawl tick failed"))
        .finally(() => {
          if (!this.stopping) this.timer = setTimeout(loop, this.deps.tickMs);
        });
    };
    this.timer = setTimeout(loop, 0);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
    await this.deps.schedule.releaseLease(SCHEDULER_LEASE, this.deps.holder).catch(() => undefined);
  }

  /** One round; a tick already under way is joined, not doubled. */
  tick(): Promise<TickSummary> {
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private leaseMs(): number {
    return this.deps.leaseMs ?? Math.max(30_000, 3 * this.deps.tickMs);
  }

  private async round(): Promise<TickSummary> {
    const { schedule, holder } = this.deps;
    const summary: TickSummary = {
      held: false,
      startedAt: new Date().toISOString(),
      finishedAt: "",
      actioned: 0,
      checked: 0,
      removed: 0,
      sources: [],
      submitted: 0,
      failed: 0,
      errors: [],
      stopped: false,
    };
    summary.held = await schedule.acquireLease(SCHEDULER_LEASE, holder, this.leaseMs());
    if (summary.held) {
      // A long crawl keeps its lease alive; were this process to hang, the lease lapses and another takes over.
      const renew = setInterval(() => {
        schedule.acquireLease(SCHEDULER_LEASE, holder, this.leaseMs()).catch(() => undefined);
      }, this.leaseMs() / 3);
      const politeness = this.deps.config?.politeness;
      const tools = createCrawlTools({
        networkAllowHosts: this.deps.config?.network_allow_hosts ?? this.deps.networkAllowHosts ?? [],
        ...(politeness
          ? {
              minIntervalMs: politeness.min_interval_ms,
              hostConcurrency: politeness.host_concurrency,
              concurrency: politeness.concurrency,
              timeoutMs: politeness.timeout_ms,
              maxBytes: politeness.max_bytes,
            }
          : {}),
      });
      try {
        await this.work(tools, summary);
      } finally {
        clearInterval(renew);
        await tools.close();
      }
      summary.finishedAt = new Date().toISOString();
      await schedule.recordTick(SCHEDULER_LEASE, holder, { ...summary });
    } else {
      summary.finishedAt = new Date().toISOString();
    }
    await this.deps.onTick?.(summary);
    return summary;
  }

  private async work(tools: CrawlTools, summary: TickSummary): Promise<void> {
    const { links, schedule, client } = this.deps;
    const preview = { bases: this.deps.previewBases, fetch: tools.fetch, maxImageBytes: 10 * 1024 * 1024 };
    summary.actioned = await links.markActioned(RECHECK_AFTER_ACTION.firstMs);
    const checked = await checkDueLinks(links, preview, this.now);
    summary.checked = checked.length;
    // A revoked link is never checked again, so each one here has just been confirmed dead.
    const removed = checked.filter((c) => c.state === "revoked");
    summary.removed = removed.length;
    await schedule.enqueue("revoked", removed, this.now());

    const sources = this.deps.config?.sources ?? [];
    for (const source of dueSources(sources, await links.lastFinished(), this.now())) {
      if (this.stopping) break;
      const opened = await links.openRun(source.name);
      const journal = new QueueingJournal(new StoredCrawlJournal(links, opened.runId), {
        queue: (invites) => schedule.enqueue("discovered", invites, this.now()),
        stopped: () => this.stopping,
      });
      const stats = await runSource(source, tools, journal);
      if (this.stopping) {
        summary.stopped = true;
        break;
      }
      await schedule.queueUnqueued(opened.runId, this.now());
      await links.finishRun(opened.runId, { ...stats });
      summary.sources.push(stats);
      this.deps.log.info({ ...stats }, "scheduled crawl finished");
    }
    if (this.stopping) return;
    const drained = await drainSubmissions(schedule, client, {
      preview: { ...preview, withImage: true },
      now: this.now,
      ...(this.deps.retry ? { retry: this.deps.retry } : {}),
    });
    summary.submitted = drained.submitted;
    summary.failed = drained.failed;
    summary.errors = drained.errors.slice(0, 10);
  }
}
