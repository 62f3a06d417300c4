/**
 * The bank change stream on JetStream (issue 9, point 2): one message per
 * change of the bank_changes log, carrying what an index replica needs to
 * apply it (BankChange), so workers follow bank changes without polling the
 * database. The log stays the source of truth (bank-change-relay.ts publishes
 * from it); the stream keeps messages for a retention period (limits, not
 * work-queue: every replica reads every message) and drops a republish of the
 * same change inside its duplicate window by the message id.
 */
import {
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
  RetentionPolicy,
} from "nats";
import type { BankChange } from "../store/repositories/bank-change-repository.js";

export interface BankChangeStreamOptions {
  /** The stream's name, e.g. `<events stream>_BANK_CHANGES`. */
  stream: string;
  replicas?: number;
  /** How long messages stay; a replica further behind reads the log or reloads. */
  maxAgeMs?: number;
}

/** Publishes in flight at once: a bulk import is thousands of messages. */
const PUBLISH_WINDOW = 256;
const DAY_MS = 86_400_000;
/** Under NATS's default 1 MB message limit; a long video's vPDQ text can exceed it. */
const MAX_MESSAGE_BYTES = 512 * 1024;

function encode(change: BankChange): string {
  const json = JSON.stringify(change);
  return json.length <= MAX_MESSAGE_BYTES
    ? json
    : JSON.stringify({ ...change, entry: null, entryOmitted: true });
}

export function bankChangeMessageId(seq: number): string {
  return `bank-change-${seq}`;
}

export interface Following {
  stop(): Promise<void>;
}

export class BankChangeStream {
  private constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    readonly stream: string,
    readonly subject: string,
  ) {}

  static async open(nc: NatsConnection, options: BankChangeStreamOptions): Promise<BankChangeStream> {
    const subject = `vigil-bank-changes.${options.stream.toLowerCase()}`;
    const jsm = await nc.jetstreamManager();
    const config = {
      name: options.stream,
      subjects: [subject],
      retention: RetentionPolicy.Limits,
      num_replicas: options.replicas ?? 1,
      max_age: (options.maxAgeMs ?? 7 * DAY_MS) * 1_000_000,
    };
    await jsm.streams.add(config).catch(async () => jsm.streams.update(options.stream, config));
    return new BankChangeStream(nc.jetstream(), jsm, options.stream, subject);
  }

  /** Publishes the changes; resolves with the stream sequence each got (a duplicate's is the original's). */
  async publish(changes: readonly BankChange[]): Promise<{ seq: number; streamSeq: number }[]> {
    const acks: { seq: number; streamSeq: number }[] = [];
    for (let from = 0; from < changes.length; from += PUBLISH_WINDOW) {
      const window = changes.slice(from, from + PUBLISH_WINDOW);
      const done = await Promise.all(
        window.map((change) =>
          this.js.publish(this.subject, encode(change), { msgID: bankChangeMessageId(change.seq) }),
        ),
      );
      for (const [i, ack] of done.entries()) acks.push({ seq: window[i].seq, streamSeq: ack.seq });
    }
    return acks;
  }

  /** The stream's last sequence (0 when empty). */
  async lastStreamSeq(): Promise<number> {
    return (await this.jsm.streams.info(this.stream)).state.last_seq;
  }

  /**
   * Reads the stream from `fromStreamSeq` on, in order, handing each change to
   * `onChange`; an ordered consumer (ephemeral, recreated by the client after
   * a disconnect at the last position it saw), since every replica reads all.
   */
  async follow(
    fromStreamSeq: number,
    onChange: (change: BankChange) => void,
    onError: (error: unknown) => void = () => {},
  ): Promise<Following> {
    const consumer = await this.js.consumers.get(this.stream, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: Math.max(1, fromStreamSeq),
    });
    const messages = await consumer.consume();
    const loop = (async () => {
      for await (const message of messages) onChange(message.json<BankChange>());
    })().catch(onError);
    return {
      async stop() {
        await messages.close();
        await loop;
      },
    };
  }
}
