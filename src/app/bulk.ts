/**
 * Bulk enforcement wired into the service: the batch repositories, the thresholds from the
 * environment, the expansion port (none until the expansion module is wired), and the supervisor
 * that queues batches into the outbox. The supervisor runs where deliveries run (role all or
 * worker); an API-only process's `wake` does nothing and a worker's poll picks the batch up.
 */
import type { Logger } from "pino";
import { BulkSupervisor } from "../enforce/bulk/bulk-supervisor.js";
import type { ExpansionTargetResolver } from "../enforce/bulk/bulk-target-source.js";
import type { VigilDb } from "../store/database.js";
import { BulkOutboxRepository } from "../store/repositories/bulk-outbox-repository.js";
import { BulkRepository } from "../store/repositories/bulk-repository.js";
import type { EnvConfig } from "./config.js";
import type { BulkContext } from "./context.js";

export interface BulkWiring {
  context: BulkContext;
  /** Starts the supervisor (call where the outbox is delivered). */
  start(onQueued: () => void): void;
  stop(): Promise<void>;
}

/** `expansionTargets`: how the lead wires network expansion in (`POST /v1/bulk-actions` with `expansion_id`). */
export function wireBulk(
  db: VigilDb,
  settings: EnvConfig["bulk"],
  log: Logger,
  expansionTargets: ExpansionTargetResolver | null = null,
): BulkWiring {
  const batches = new BulkRepository(db);
  const outbox = new BulkOutboxRepository(db);
  const failingAfterAttempts = settings.failingAfterAttempts;
  let supervisor: BulkSupervisor | null = null;
  return {
    context: {
      batches,
      outbox,
      thresholds: settings.thresholds,
      failingAfterAttempts,
      expansionTargets,
      wake: () => supervisor?.wake(),
    },
    start(onQueued) {
      supervisor = new BulkSupervisor({
        batches,
        outbox,
        log: log.child({ module: "bulk" }),
        onQueued,
        failingAfterAttempts,
        pollIntervalMs: settings.pollMs,
      });
      supervisor.start();
    },
    stop: async () => supervisor?.stop(),
  };
}
