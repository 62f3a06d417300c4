/**
 * One partition's consumer on one worker: a durable pull consumer filtered to
 * the partition's subject, fetched one batch at a time, the next fetch only
 * after the previous batch is acked, so the partition's events reach the
 * processor in stream order.
 *
 * Taking a partition over recreates its consumer. In a work-queue stream
 * acked messages are gone and unacked ones stay, so the new consumer starts
 * at the oldest unacked message: a dead owner's batch comes back first and in
 * order, at once rather than after the ack wait, and nothing is skipped.
 *
 * The same reset keeps order when a delivery goes astray on a live owner: a
 * pull answered just as the client gave up on it (expiry, a stalled pull
 * abandoned, a server restart) leaves a message delivered but never seen, and
 * JetStream would redeliver it only after the ack wait, behind newer messages
 * of its partition. Every delivery carries the consumer's delivery sequence,
 * which counts each delivery, redeliveries included; a runner that sees a gap
 * in it (or abandons a pull) drops what it holds unprocessed and recreates the
 * consumer, which hands everything unacked back in stream order.
 */
import { AckPolicy, type Consumer, type JetStreamManager, type JsMsg } from "nats";

export interface PartitionConsumerConfig {
  stream: string;
  /** Durable name prefix: the partition's consumer is `<durable>-p<n>`. */
  durable: string;
  subject: string;
  ackWaitMs: number;
  /** Messages out and unacked per partition: one batch, which keeps the partition in order. */
  maxBatch: number;
}

export function partitionSubject(subject: string, partition: number): string {
  return `${subject}.${partition}`;
}

export function partitionConsumerName(durable: string, partition: number): string {
  return `${durable}-p${partition}`;
}

export async function takeOverPartition(
  jsm: JetStreamManager,
  getConsumer: (stream: string, name: string) => Promise<Consumer>,
  config: PartitionConsumerConfig,
  partition: number,
): Promise<Consumer> {
  const name = partitionConsumerName(config.durable, partition);
  await jsm.consumers.delete(config.stream, name).catch(() => false);
  await jsm.consumers.add(config.stream, {
    durable_name: name,
    filter_subject: partitionSubject(config.subject, partition),
    ack_policy: AckPolicy.Explicit,
    ack_wait: config.ackWaitMs * 1_000_000,
    max_ack_pending: config.maxBatch,
  });
  return getConsumer(config.stream, name);
}

export type StoppableMessages = AsyncIterable<JsMsg> & { stop(err?: Error): void };

/**
 * A pull's answer can be lost when the server restarts under it (seen in the
 * load test: a no-wait fetch that never ended); past this, the pull is
 * abandoned and the runner goes on with what it has.
 */
const STALLED_PULL_MS = 5_000;

function within<T>(promise: Promise<T>, ms: number, onLate: () => void): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      onLate();
      resolve(null);
    }, ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** Fetches batches from one partition and hands each to `submit`, which resolves once the batch is acked. */
export class PartitionRunner {
  private stopping = false;
  private consumer: Consumer | null = null;
  /** The consumer's delivery sequence of the last message seen (0 on a new consumer). */
  private lastDelivery = 0;
  /** Consumers recreated because a delivery went astray (for logs and tests). */
  resets = 0;
  readonly done: Promise<void>;

  constructor(
    readonly partition: number,
    /** Deletes and recreates the partition's consumer: it starts at the oldest unacked message. */
    private readonly takeOver: () => Promise<Consumer>,
    /** Whatever else is waiting, up to n messages, without waiting. */
    private readonly takeWaiting: (n: number) => StoppableMessages,
    private readonly maxBatch: number,
    private readonly submit: (messages: JsMsg[]) => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {
    this.done = this.run();
  }

  /** Stops fetching; resolves once the batch in hand (if any) is acked or given up. */
  stop(): Promise<void> {
    this.stopping = true;
    return this.done;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        if (!this.consumer) {
          this.consumer = await this.takeOver();
          this.lastDelivery = 0;
        }
        const batch = await this.fetchBatch(this.consumer);
        if (batch === null) continue;
        if (batch === "astray") {
          this.resets++;
          this.consumer = null;
          continue;
        }
        await this.submit(batch);
      } catch (error) {
        if (this.stopping) return;
        this.onError(error);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** One batch in delivery order; null when nothing came; "astray" when a delivery may have been missed. */
  private async fetchBatch(consumer: Consumer): Promise<JsMsg[] | null | "astray"> {
    let abandoned = false;
    const stalled = (what: string) => () => {
      abandoned = true;
      this.onError(new Error(`partition ${this.partition}: ${what} stalled; abandoned`));
    };
    // Wait (long poll) for one message, then take what else is there without waiting: a fetch of
    // maxBatch with a timeout would hold a partly filled batch until the timeout, every time.
    const first = await within(consumer.next({ expires: 1000 }), STALLED_PULL_MS, stalled("pull"));
    if (abandoned) return "astray";
    if (!first) return null;
    const batch: JsMsg[] = [first];
    if (this.maxBatch > 1) {
      const rest = this.takeWaiting(this.maxBatch - 1);
      const collect = (async () => {
        for await (const m of rest) batch.push(m);
      })();
      await within(collect, STALLED_PULL_MS, () => {
        stalled("no-wait fetch")();
        rest.stop();
      });
    }
    if (abandoned) return "astray";
    // A copy: a late message may still be pushed into `batch`.
    const taken = [...batch];
    for (const m of taken) {
      if (m.info.deliverySequence !== this.lastDelivery + 1) {
        this.onError(
          new Error(
            `partition ${this.partition}: delivery ${m.info.deliverySequence} after ${this.lastDelivery}; consumer recreated to keep the partition in order`,
          ),
        );
        return "astray";
      }
      this.lastDelivery = m.info.deliverySequence;
    }
    return taken;
  }
}
