/**
 * What a worker (role `worker` or `all`) runs besides serving HTTP: deciding
 * queued events, delivering the outbox, bulk batches, the orphan sweep, the
 * evidence retention job, the crawl scheduler and the exchange pulls. An API-only process runs
 * none of them; the CyberTipline submission job is started by app/cybertip.ts
 * under the same rule.
 */
import type { Logger } from "pino";
import type { EventProcessor } from "../pipeline/process-events.js";
import type { BulkWiring } from "./bulk.js";
import type { EnvConfig } from "./config.js";
import type { AppContext } from "./context.js";
import { startServerCrawl } from "./crawl.js";
import { type Delivery, startDelivery } from "./delivery.js";
import { startEvidenceRetention } from "./evidence.js";
import { startExchangePulls } from "./exchange.js";
import { publishRefs, sweepOrphans } from "./queue.js";

export interface WorkerJobs {
  delivery: Delivery;
  /** Stops the crawl scheduler and the sweep; call before the queue closes. */
  stopIntake(): Promise<void>;
  /** Stops delivery, bulk and retention; call after the queue closed. */
  stop(): Promise<void>;
}

export async function startWorkerJobs(
  ctx: AppContext,
  parts: {
    processor: EventProcessor;
    bulk: BulkWiring;
    env: EnvConfig;
    log: Logger;
    /** Told at once, so a batch decided before this function returns still wakes delivery. */
    onDelivery(delivery: Delivery): void;
  },
): Promise<WorkerJobs> {
  const { config, queue, repos } = ctx;
  const { env, log } = parts;
  // Events accepted before a crash and not yet decided are decided now, before new ones. With JetStream
  // they are still in the durable stream (a worker joining a busy deployment must not re-queue the whole
  // backlog); the orphan sweep republishes the few whose publish failed.
  if (!config.natsUrl) publishRefs(queue, await repos.events.pendingRefs(1_000_000));
  queue.consume((seqs) => parts.processor.processBatch(seqs), config.batchSize);
  const delivery = startDelivery(config, env.webhooks, repos.actions, log);
  parts.onDelivery(delivery);
  parts.bulk.start(() => delivery.wake());
  const sweeper = config.natsUrl ? sweepOrphans(repos.events, queue, log) : null;
  const retention = startEvidenceRetention(ctx.database.db, ctx.vault, env.evidence, log);
  // Scheduled crawls and liveness re-checks; a lease keeps them to one process at a time.
  const crawl = config.crawl ? startServerCrawl(ctx, config.crawl, env.previewBases) : null;
  // Issue 19: partners' feeds pulled on a schedule.
  const stopExchangePulls = startExchangePulls(ctx.exchange, log, env.exchangePullSeconds);
  return {
    delivery,
    async stopIntake() {
      await crawl?.stop();
      await stopExchangePulls();
      if (sweeper) clearInterval(sweeper);
    },
    async stop() {
      await parts.bulk.stop();
      await delivery.stop();
      await retention.stop();
    },
  };
}
