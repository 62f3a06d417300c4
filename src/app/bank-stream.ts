/**
 * Index replicas fed by JetStream (issue 9, point 2; docs/SCALING.md "Index
 * replicas"), wired for `vigil serve --nats-url`: the relay publishes this
 * process's bank changes after commit, the index follows the bank change
 * stream, the first load comes from the newest snapshot in the Object Store,
 * and one process at a time (lease) sweeps, snapshots and prunes. Without
 * NATS the index polls the log as before (LiveBankMatcher).
 */
import { connect, type NatsConnection } from "nats";
import { Gauge, type MetricsRegistry } from "../metrics/registry.js";
import { BankChangeRelay } from "../pipeline/bank-change-relay.js";
import { BankChangeStream, type Following } from "../pipeline/bank-change-stream.js";
import { BankIndexMaintenance } from "../pipeline/bank-index-maintenance.js";
import { IndexSnapshotStore } from "../pipeline/index-snapshot-store.js";
import type { LiveBankMatcher, LiveBankMatcherOptions } from "../pipeline/live-bank-matcher.js";
import { LocalPartitionLeases } from "../pipeline/partition-leases.js";
import { SingleLease } from "../pipeline/single-lease.js";
import type { BankChangeRepository } from "../store/repositories/bank-change-repository.js";
import { PostgresPartitionLeases } from "../store/repositories/partition-lease-repository.js";

const DAY_MS = 86_400_000;

export interface BankStreamConfig {
  natsUrl: string;
  /** The events stream's name (VIGIL_NATS_STREAM); the bank stream and bucket are named after it. */
  eventsStream: string;
  databaseUrl?: string;
  replicas: number;
  sweepMs?: number;
  /** VIGIL_INDEX_SNAPSHOT_MS, default 10 minutes. */
  snapshotMs?: number;
  /** VIGIL_BANK_CHANGE_RETENTION_MS, default 7 days: the log and the stream keep changes this long. */
  retentionMs?: number;
}

interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface BankStream {
  /** For the LiveBankMatcher: fed mode, snapshot first load, publish after this process's commits. */
  matcherOptions: LiveBankMatcherOptions;
  relay: BankChangeRelay;
  stream: BankChangeStream;
  snapshots: IndexSnapshotStore;
  /** Follows the stream from the index's position and starts the leased job; call after the first load. */
  start(matcher: LiveBankMatcher): Promise<BankIndexMaintenance>;
  stop(): Promise<void>;
}

export async function openBankStream(
  config: BankStreamConfig,
  changes: BankChangeRepository,
  log: Log,
): Promise<BankStream> {
  const nc: NatsConnection = await connect({
    servers: config.natsUrl.split(","),
    name: "vigil-bank-stream",
    maxReconnectAttempts: -1,
  });
  const name = `${config.eventsStream}_BANK_CHANGES`;
  const retentionMs = config.retentionMs ?? 7 * DAY_MS;
  const stream = await BankChangeStream.open(nc, {
    stream: name,
    replicas: config.replicas,
    maxAgeMs: retentionMs,
  });
  const snapshots = await IndexSnapshotStore.open(
    nc.jetstream(),
    `${config.eventsStream}_BANK_INDEX`,
    config.replicas,
  );
  const relay = new BankChangeRelay(changes, stream);
  const onError = (error: unknown) => log.error({ err: error }, "bank change stream error");
  const lease = new SingleLease(
    config.databaseUrl
      ? new PostgresPartitionLeases(config.databaseUrl, `${name}:maintenance`, onError)
      : new LocalPartitionLeases(),
  );
  let following: Following | null = null;
  let maintenance: BankIndexMaintenance | null = null;
  return {
    relay,
    stream,
    snapshots,
    matcherOptions: {
      fed: true,
      loadSnapshot: () => snapshots.load(),
      publishOwn: () => relay.publishPending(),
    },
    async start(matcher) {
      // Read the stream's end before the log: a change published in between has a later stream seq.
      const last = await stream.lastStreamSeq();
      const from = (await changes.streamStartAfter(matcher.appliedSeq)) ?? last + 1;
      following = await stream.follow(from, (change) => matcher.offer([change], "stream"), onError);
      maintenance = new BankIndexMaintenance(lease, relay, matcher, snapshots, changes, log, {
        sweepMs: config.sweepMs ?? 1_000,
        snapshotMs: config.snapshotMs ?? 600_000,
        retentionMs,
      });
      maintenance.start();
      return maintenance;
    },
    async stop() {
      await maintenance?.stop();
      await following?.stop();
      await nc.drain().catch(() => {});
    },
  };
}

/** How the index was loaded and how its changes arrive, on /metrics (both modes). */
export function addIndexMetrics(registry: MetricsRegistry, matcher: LiveBankMatcher): void {
  registry.add(
    new Gauge("vigil_index_load_seconds", "How long the last whole load of the hash index took.", () =>
      matcher.lastLoad ? matcher.lastLoad.ms / 1000 : 0,
    ),
  );
  registry.add(
    new Gauge(
      "vigil_index_loaded_from_snapshot",
      "1 when the hash index was last loaded from a snapshot.",
      () => (matcher.lastLoad?.source === "snapshot" ? 1 : 0),
    ),
  );
  for (const via of ["stream", "local", "log"] as const) {
    registry.add(
      new Gauge(
        `vigil_bank_changes_via_${via}_total`,
        `Bank changes applied to the index incrementally that arrived by ${via}.`,
        () => matcher.stats[via],
        "counter",
      ),
    );
  }
}
