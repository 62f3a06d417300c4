/**
 * EventQueue on NATS JetStream, for running API and worker processes apart
 * (`vigil serve --role api|worker`). The API publishes the seq of each
 * committed event to a work-queue stream; workers pull batches from one
 * durable consumer with explicit acks, and ack only after the decision has
 * committed, so a worker killed mid-batch leaves its messages to be
 * redelivered after `ackWaitMs` to another worker. Redelivery is harmless:
 * the decision writer only decides events still pending.
 *
 * A publish that fails after the event's commit is not lost either: the event
 * stays pending in the database, and every worker re-publishes events pending
 * for longer than `orphanAfterMs` (see republishOrphans in server.ts).
 *
 * Left for the scale-out issue: partitioning by subject so one group's events
 * are decided in order across workers (today a single consumer is shared).
 */
import {
  AckPolicy,
  connect,
  type JetStreamClient,
  type JsMsg,
  type NatsConnection,
  RetentionPolicy,
  StringCodec,
} from "nats";
import type { BatchHandler, EventQueue } from "./event-queue.js";

export interface JetStreamQueueOptions {
  url: string;
  stream?: string;
  subject?: string;
  durable?: string;
  ackWaitMs?: number;
  /** Messages handed out and not yet acked, across all workers: the in-flight window. */
  maxAckPending?: number;
  onError?: (error: unknown) => void;
}

const codec = StringCodec();

export class JetStreamQueue implements EventQueue {
  private handler: BatchHandler | null = null;
  private maxBatch = 500;
  private loop: Promise<void> | null = null;
  private closed = false;
  private inFlightPublishes = new Set<Promise<unknown>>();
  private lastDepth = 0;

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly options: Required<Omit<JetStreamQueueOptions, "onError">> &
      Pick<JetStreamQueueOptions, "onError">,
  ) {}

  static async connect(options: JetStreamQueueOptions): Promise<JetStreamQueue> {
    const full = {
      stream: "VIGIL_EVENTS",
      subject: "vigil.events",
      durable: "vigil-workers",
      ackWaitMs: 30_000,
      maxAckPending: 5_000,
      ...options,
    };
    const nc = await connect({ servers: full.url, name: "vigil", maxReconnectAttempts: -1 });
    const jsm = await nc.jetstreamManager();
    const streamConfig = {
      name: full.stream,
      subjects: [`${full.subject}.>`],
      retention: RetentionPolicy.Workqueue,
    };
    await jsm.streams.add(streamConfig).catch(async () => jsm.streams.update(full.stream, streamConfig));
    const consumerConfig = {
      durable_name: full.durable,
      ack_policy: AckPolicy.Explicit,
      ack_wait: full.ackWaitMs * 1_000_000,
      max_ack_pending: full.maxAckPending,
    };
    await jsm.consumers
      .add(full.stream, consumerConfig)
      .catch(() => jsm.consumers.update(full.stream, full.durable, consumerConfig));
    return new JetStreamQueue(nc, nc.jetstream(), full);
  }

  get depth(): number {
    return this.lastDepth;
  }

  publish(seqs: number[]): void {
    for (const seq of seqs) {
      const p = this.js
        .publish(`${this.options.subject}.${seq % 16}`, codec.encode(String(seq)), { msgID: `event-${seq}` })
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => this.inFlightPublishes.delete(p));
      this.inFlightPublishes.add(p);
    }
  }

  consume(handler: BatchHandler, maxBatch: number): void {
    this.handler = handler;
    this.maxBatch = maxBatch;
    this.loop ??= this.pull();
  }

  async drained(): Promise<void> {
    await Promise.all(this.inFlightPublishes);
    while (!this.closed) {
      const info = await this.js.consumers
        .get(this.options.stream, this.options.durable)
        .then((c) => c.info());
      this.lastDepth = info.num_pending + info.num_ack_pending;
      if (this.lastDepth === 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.inFlightPublishes);
    await this.loop?.catch(() => {});
    await this.nc.drain().catch(() => {});
  }

  private async pull(): Promise<void> {
    const consumer = await this.js.consumers.get(this.options.stream, this.options.durable);
    while (!this.closed) {
      const batch: JsMsg[] = [];
      try {
        const messages = await consumer.fetch({ max_messages: this.maxBatch, expires: 1000 });
        for await (const m of messages) batch.push(m);
        if (batch.length === 0) continue;
        await (this.handler as BatchHandler)(batch.map((m) => Number(codec.decode(m.data))));
        for (const m of batch) m.ack();
        this.lastDepth = batch[batch.length - 1].info.pending;
      } catch (error) {
        this.options.onError?.(error);
        // Let another attempt (here or on another worker) take them after a pause.
        for (const m of batch) m.nak(1000);
        if (!this.closed) await new Promise((r) => setTimeout(r, 500));
      }
    }
  }
}
