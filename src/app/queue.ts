/**
 * The event queue of `vigil serve`: the in-process queue on the embedded
 * defaults, or JetStream (`--nats-url`) with partition leases on PostgreSQL,
 * and the sweep that republishes events whose publish was lost.
 */
import type { Logger } from "pino";
import type { EventQueue } from "../domain/event-queue.js";
import { partitionKey } from "../domain/partitions.js";
import { InProcessQueue } from "../pipeline/in-process-queue.js";
import { JetStreamQueue } from "../pipeline/jetstream-queue.js";
import type { EventRepository, PendingEventRef } from "../store/repositories/event-repository.js";
import { PostgresPartitionLeases } from "../store/repositories/partition-lease-repository.js";
import type { EnvConfig } from "./config.js";
import type { ServerConfig } from "./context.js";

export async function openEventQueue(
  config: ServerConfig,
  nats: EnvConfig["nats"],
  log: Logger,
): Promise<EventQueue> {
  const onQueueError = (error: unknown) =>
    log.error({ err: error }, "event queue error; events stay pending and are retried");
  return config.natsUrl
    ? JetStreamQueue.connect({
        url: config.natsUrl,
        onError: onQueueError,
        ...jetStreamNames(nats.stream),
        // How long a worker may hold a batch before it is handed to another; a killed worker's batch waits this long.
        ackWaitMs: nats.ackWaitMs,
        partitions: nats.partitions,
        replicas: nats.replicas,
        leases: config.databaseUrl
          ? new PostgresPartitionLeases(config.databaseUrl, nats.stream, onQueueError)
          : undefined,
      })
    : new InProcessQueue(onQueueError);
}

/** How long an accepted event may sit pending before a worker republishes it (its message may have been lost). */
const ORPHAN_AFTER_MS = 30_000;

/**
 * With JetStream, an event whose publish failed after its commit (or whose
 * message was lost with a broker) is still pending in the database: workers
 * republish such events; the stream's message-id dedupe drops the ones that
 * were in fact queued.
 */
export function sweepOrphans(events: EventRepository, queue: EventQueue, log: Logger): NodeJS.Timeout {
  const timer = setInterval(() => {
    // While the stream still holds messages, old pending events are most likely queued behind them, not lost.
    if (queue.depth > 0) return;
    events
      .pendingRefs(10_000, new Date(Date.now() - ORPHAN_AFTER_MS))
      .then((refs) => {
        if (refs.length > 0) log.warn({ events: refs.length }, "republishing events pending too long");
        publishRefs(queue, refs);
      })
      .catch((error: unknown) => log.error({ err: error }, "orphan sweep failed"));
  }, ORPHAN_AFTER_MS / 3);
  timer.unref();
  return timer;
}

export function publishRefs(queue: EventQueue, refs: PendingEventRef[]): void {
  queue.publish(
    refs.map((r) => r.seq),
    refs.map((r) => partitionKey(r.platform, r.subjectType, r.subjectId)),
  );
}

/** One deployment's stream, subjects and consumer; VIGIL_NATS_STREAM (app/config.ts) separates deployments (and tests) on one NATS. */
export function jetStreamNames(stream: string): { stream: string; subject: string; durable: string } {
  return { stream, subject: `vigil.${stream.toLowerCase()}`, durable: `${stream}-workers` };
}
