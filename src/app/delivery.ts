/** The outbox dispatcher (src/enforce), wired to the actions table and the configured webhook. */
import type { Logger } from "pino";
import { OutboxDispatcher } from "../enforce/outbox-dispatcher.js";
import type { ActionRepository } from "../store/repositories/action-repository.js";
import type { EnvConfig } from "./config.js";
import type { ServerConfig } from "./context.js";

export interface Delivery {
  wake(): void;
  stop(): Promise<void>;
  stats(): { delivered: number; failedAttempts: number; failing: number };
}

export function startDelivery(
  config: ServerConfig,
  webhooks: EnvConfig["webhooks"],
  store: ActionRepository,
  log: Logger,
): Delivery {
  const dispatcher = new OutboxDispatcher({
    store,
    logger: log.child({ module: "webhooks" }),
    webhookUrl: config.webhookUrl,
    webhookSecret: config.webhookSecret,
    // Tests shorten the retry delays; production keeps the 1 s base.
    backoff: { baseMs: webhooks.backoffMs },
    // Bulk batches (issue 10): requests in flight, rows leased per claim, acknowledgements per commit.
    concurrency: webhooks.concurrency,
    claimBatchSize: 200,
    ackBatchMs: 20,
    onFailing: (f) =>
      log.error({ actionId: f.delivery.publicId, attempts: f.attempts }, "webhook delivery failing"),
  });
  dispatcher.start();
  return { wake: () => dispatcher.wake(), stop: () => dispatcher.stop(), stats: () => dispatcher.stats() };
}
