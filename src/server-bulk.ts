/**
 * Bulk enforcement wired into the service: the batch repositories, the thresholds from the
 * environment, the expansion port (none until the expansion module is wired), and the supervisor
 * that queues batches into the outbox. The supervisor runs where deliveries run (role all or
 * worker); an API-only process's `wake` does nothing and a worker's poll picks the batch up.
 */
import type { Logger } from "pino";
import type { BulkThresholds } from "./domain/bulk-thresholds.js";
import { BulkSupervisor } from "./enforce/bulk/bulk-supervisor.js";
import type { ExpansionTargetResolver } from "./enforce/bulk/bulk-target-source.js";
import { bulkThresholdsFromEnv } from "./enforce/bulk/bulk-thresholds.js";
import type { VigilDb } from "./store/database.js";
import { BulkOutboxRepository } from "./store/repositories/bulk-outbox-repository.js";
import { BulkRepository } from "./store/repositories/bulk-repository.js";

export interface BulkContext {
  batches: BulkRepository;
  outbox: BulkOutboxRepository;
  thresholds: BulkThresholds;
  /** Attempts after which an undelivered action makes its batch `partially_failed`. */
  failingAfterAttempts: number;
  /** Resolves `expansion_id` to targets; null until the expansion module is wired. */
  expansionTargets: ExpansionTargetResolver | null;
  /** A batch was started or reversed: look at it now. */
  wake(): void;
}

export interface BulkWiring {
  context: BulkContext;
  /** Starts the supervisor (call where the outbox is delivered). */
  start(onQueued: () => void): void;
  stop(): Promise<void>;
}

/** `expansionTargets`: how the lead wires network expansion in (`POST /v1/bulk-actions` with `expansion_id`). */
export function wireBulk(
  db: VigilDb,
  log: Logger,
  expansionTargets: ExpansionTargetResolver | null = null,
): BulkWiring {
  const batches = new BulkRepository(db);
  const outbox = new BulkOutboxRepository(db);
  const failingAfterAttempts = Number(process.env.VIGIL_BULK_FAILING_AFTER_ATTEMPTS ?? 10);
  let supervisor: BulkSupervisor | null = null;
  return {
    context: {
      batches,
      outbox,
      thresholds: bulkThresholdsFromEnv(),
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
        pollIntervalMs: Number(process.env.VIGIL_BULK_POLL_MS ?? 2_000),
      });
      supervisor.start();
    },
    stop: async () => supervisor?.stop(),
  };
}
