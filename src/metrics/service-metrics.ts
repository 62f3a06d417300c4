/** The service's metrics: intake, decisions, latency from intake to decision, queue depth, webhooks. */
import { Counter, Gauge, Histogram, MetricsRegistry } from "./registry.js";

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export interface ServiceMetrics {
  registry: MetricsRegistry;
  eventsReceived: Counter;
  decisions: Counter;
  decisionLatency: Histogram;
  batchWrite: Histogram;
  /** 401, 403 and 429 answers, by status and error; `audited` says whether an audit row was written. */
  requestsRefused: Counter;
}

export function serviceMetrics(read: {
  queueDepth: () => number;
  indexEntries: () => number;
  webhooks: () => { delivered: number; failedAttempts: number; failing: number };
}): ServiceMetrics {
  const registry = new MetricsRegistry();
  const metrics: ServiceMetrics = {
    registry,
    eventsReceived: registry.add(
      new Counter(
        "vigil_events_received_total",
        "Events received by intake, by outcome (accepted, duplicate, refused by backpressure).",
      ),
    ),
    decisions: registry.add(
      new Counter("vigil_decisions_total", "Events decided, by decision (act, review, none)."),
    ),
    decisionLatency: registry.add(
      new Histogram(
        "vigil_decision_latency_seconds",
        "Time from intake to committed decision.",
        LATENCY_BUCKETS,
      ),
    ),
    batchWrite: registry.add(
      new Histogram("vigil_batch_write_seconds", "Time to write one batch of decisions.", LATENCY_BUCKETS),
    ),
    requestsRefused: registry.add(
      new Counter(
        "vigil_requests_refused_total",
        "Requests refused by authentication, role or rate limit (401, 403, 429), by status, error and whether audited.",
      ),
    ),
  };
  registry.add(
    new Gauge(
      "vigil_queue_depth",
      "Events accepted and waiting to be decided in this process.",
      read.queueDepth,
    ),
  );
  registry.add(
    new Gauge("vigil_index_entries", "Bank entries in the in-memory matching index.", read.indexEntries),
  );
  registry.add(
    new Gauge(
      "vigil_webhook_delivered_total",
      "Webhook deliveries acknowledged since start.",
      () => read.webhooks().delivered,
      "counter",
    ),
  );
  registry.add(
    new Gauge(
      "vigil_webhook_failed_attempts_total",
      "Webhook attempts that failed since start (each is retried).",
      () => read.webhooks().failedAttempts,
      "counter",
    ),
  );
  registry.add(
    new Gauge(
      "vigil_webhook_failing",
      "Deliveries past the failing threshold, still being retried.",
      () => read.webhooks().failing,
    ),
  );
  return metrics;
}
