/**
 * EventQueue on NATS JetStream, for running API and worker processes apart
 * (`vigil serve --role api|worker`). The API publishes the seq of each
 * committed event to a work-queue stream, on the subject of its partition
 * (stable hash of the event's subject, see partitions.ts), with the seq as
 * message id so a republish within the stream's duplicate window is dropped.
 *
 * Workers hold partition leases (partition-leases.ts), balanced to a fair
 * share of the live workers; each held partition is consumed in order
 * (jetstream-partition.ts), and batches from all held partitions are merged
 * into one decision transaction at a time. Messages are acked only after the
 * decision has committed; a failing batch is retried in place (the processor
 * parks events that keep failing), never nak'ed, since a redelivery behind
 * newer messages would break the partition's order. Redelivery of what a
 * killed worker held is harmless: the decision writer decides only events
 * still pending, and a unique index allows one decision per event.
 */
import {
  type Consumer,
  connect,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
  RetentionPolicy,
  StringCodec,
} from "nats";
import type { BatchHandler, EventQueue } from "../domain/event-queue.js";
import { DEFAULT_PARTITIONS, partitionOf, planLeases } from "../domain/partitions.js";
import {
  PartitionRunner,
  partitionConsumerName,
  partitionSubject,
  takeOverPartition,
} from "./jetstream-partition.js";
import { LocalPartitionLeases, type PartitionLeases } from "./partition-leases.js";

export interface JetStreamQueueOptions {
  url: string;
  stream?: string;
  subject?: string;
  durable?: string;
  ackWaitMs?: number;
  partitions?: number;
  /** Stream replicas (3 on a 3-node cluster: a node can stop without losing an acknowledged event). */
  replicas?: number;
  /** Who consumes which partition; LocalPartitionLeases (all of them) when absent. */
  leases?: PartitionLeases;
  /** How often leases are rebalanced and the depth read. */
  balanceMs?: number;
  onError?: (error: unknown) => void;
}

interface Submission {
  messages: JsMsg[];
  done: () => void;
}

const codec = StringCodec();

export class JetStreamQueue implements EventQueue {
  private handler: BatchHandler | null = null;
  private maxBatch = 500;
  private closed = false;
  private inFlightPublishes = new Set<Promise<unknown>>();
  private lastDepth = 0;
  private readonly runners = new Map<number, PartitionRunner>();
  private readonly ready: Submission[] = [];
  private dispatching: Promise<void> | null = null;
  private balancing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private readonly partitions: number;
  private readonly leases: PartitionLeases;
  private joined = false;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly options: Required<Omit<JetStreamQueueOptions, "onError" | "leases">> &
      Pick<JetStreamQueueOptions, "onError" | "leases">,
  ) {
    this.partitions = options.partitions;
    this.leases = options.leases ?? new LocalPartitionLeases();
    this.timer = setInterval(() => this.tick(), options.balanceMs);
    this.timer.unref();
  }

  static async connect(options: JetStreamQueueOptions): Promise<JetStreamQueue> {
    const full = {
      stream: "VIGIL_EVENTS",
      subject: "vigil.events",
      durable: "vigil-workers",
      ackWaitMs: 30_000,
      partitions: DEFAULT_PARTITIONS,
      replicas: 1,
      balanceMs: 1000,
      ...options,
    };
    const nc = await connect({ servers: full.url.split(","), name: "vigil", maxReconnectAttempts: -1 });
    const jsm = await nc.jetstreamManager();
    const streamConfig = {
      name: full.stream,
      subjects: [`${full.subject}.>`],
      retention: RetentionPolicy.Workqueue,
      num_replicas: full.replicas,
    };
    await jsm.streams.add(streamConfig).catch(async () => jsm.streams.update(full.stream, streamConfig));
    return new JetStreamQueue(nc, nc.jetstream(), jsm, full);
  }

  get depth(): number {
    return this.lastDepth;
  }

  /** Partitions this worker consumes now. */
  get heldPartitions(): number[] {
    return [...this.runners.keys()].sort((a, b) => a - b);
  }

  publish(seqs: number[], partitionKeys?: readonly string[]): void {
    seqs.forEach((seq, i) => {
      const key = partitionKeys?.[i];
      const partition = key === undefined ? seq % this.partitions : partitionOf(key, this.partitions);
      const p = this.js
        .publish(partitionSubject(this.options.subject, partition), codec.encode(String(seq)), {
          msgID: `event-${seq}`,
        })
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => this.inFlightPublishes.delete(p));
      this.inFlightPublishes.add(p);
    });
  }

  consume(handler: BatchHandler, maxBatch: number): void {
    this.handler = handler;
    this.maxBatch = maxBatch;
    this.tick();
  }

  async drained(): Promise<void> {
    await Promise.all(this.inFlightPublishes);
    while (!this.closed) {
      await this.readDepth();
      if (this.lastDepth === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await Promise.all(this.inFlightPublishes);
    await this.balancing.catch(() => {});
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
    await this.dispatching?.catch(() => {});
    await this.nc.flush().catch(() => {});
    await this.leases.close().catch(() => {});
    await this.nc.drain().catch(() => {});
  }

  private tick(): void {
    if (this.closed) return;
    this.balancing = this.balancing
      .then(async () => {
        await this.readDepth();
        if (this.handler && !this.closed) await this.balance();
      })
      .catch((error: unknown) => this.options.onError?.(error));
  }

  private async readDepth(): Promise<void> {
    // Work-queue retention: the stream holds exactly the messages not yet acked.
    this.lastDepth = (await this.jsm.streams.info(this.options.stream)).state.messages;
  }

  private async balance(): Promise<void> {
    if (!this.joined || !this.leases.healthy) {
      // Leases may be gone with the session: another worker may own these partitions now.
      await Promise.all([...this.runners.values()].map((r) => r.stop()));
      this.runners.clear();
      await this.leases.join();
      this.joined = true;
    }
    const plan = planLeases(this.heldPartitions, this.partitions, await this.leases.members());
    for (const partition of plan.release) {
      await this.runners.get(partition)?.stop();
      this.runners.delete(partition);
      // The acks must reach the server before the next owner takes over (flush is a round trip).
      await this.nc.flush();
      await this.leases.release(partition);
    }
    let wanted = plan.acquire;
    const start = Math.floor(Math.random() * this.partitions);
    for (let i = 0; i < this.partitions && wanted > 0 && !this.closed; i++) {
      const partition = (start + i) % this.partitions;
      if (this.runners.has(partition) || !(await this.leases.tryAcquire(partition))) continue;
      // The runner takes the partition over as it starts (and again after a lost delivery), so a
      // dead owner's batch comes back now rather than after its ack wait.
      this.runners.set(
        partition,
        new PartitionRunner(
          partition,
          () => this.takeOver(partition),
          // The legacy pull API is the one with no_wait (nats.js 2.x).
          (n) =>
            this.js.fetch(this.options.stream, partitionConsumerName(this.options.durable, partition), {
              batch: n,
              no_wait: true,
            }),
          this.maxBatch,
          (m) => this.submit(m),
          (e) => this.options.onError?.(e),
        ),
      );
      wanted--;
    }
  }

  private takeOver(partition: number): Promise<Consumer> {
    return takeOverPartition(
      this.jsm,
      (stream, name) => this.js.consumers.get(stream, name),
      { ...this.options, maxBatch: this.maxBatch },
      partition,
    );
  }

  private submit(messages: JsMsg[]): Promise<void> {
    return new Promise((done) => {
      this.ready.push({ messages, done });
      this.dispatching ??= this.dispatch().finally(() => {
        this.dispatching = null;
      });
    });
  }

  /** One decision transaction at a time, over whatever the held partitions have fetched (up to about maxBatch). */
  private async dispatch(): Promise<void> {
    const handler = this.handler as BatchHandler;
    while (this.ready.length > 0) {
      const taken: Submission[] = [];
      let size = 0;
      while (
        this.ready.length > 0 &&
        (taken.length === 0 || size + this.ready[0].messages.length <= this.maxBatch)
      ) {
        const next = this.ready.shift() as Submission;
        taken.push(next);
        size += next.messages.length;
      }
      const messages = taken.flatMap((s) => s.messages);
      const seqs = messages.map((m) => Number(codec.decode(m.data)));
      const keepAlive = setInterval(() => {
        for (const m of messages) m.working();
      }, this.options.ackWaitMs / 3);
      try {
        for (;;) {
          try {
            await handler(seqs);
            for (const m of messages) m.ack();
            break;
          } catch (error) {
            this.options.onError?.(error);
            // Unacked, they are redelivered to whoever holds the partition next.
            if (this.closed) break;
            await new Promise((r) => setTimeout(r, 500));
          }
        }
      } finally {
        clearInterval(keepAlive);
        for (const s of taken) s.done();
      }
    }
  }
}
