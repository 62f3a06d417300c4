/**
 * Records webhook acknowledgements (delivered rows) for the OutboxDispatcher. A lone
 * acknowledgement, none recorded within the window before it, is recorded at once, so a crash
 * re-sends as little as possible; when they come faster than one per window they are gathered
 * for up to `windowMs` and recorded in one statement. Recording never rejects: a row whose
 * acknowledgement could not be written is re-sent after its lease, and receivers absorb the
 * copy by its idempotency key.
 */
import type { EnforceLogger } from "./logger.js";
import type { DeliveredAck } from "./outbox-store.js";
import { describeError } from "./webhook-transport.js";

/** At most this many rows in one statement. */
const ACK_BATCH_MAX = 500;

export class AckBatcher {
  #acks: DeliveredAck[] = [];
  #timer: NodeJS.Timeout | null = null;
  #lastFlushAt = 0;
  readonly #flushing = new Set<Promise<void>>();

  constructor(
    private readonly record: (acks: DeliveredAck[]) => Promise<void>,
    private readonly windowMs: number,
    private readonly logger: EnforceLogger,
    private readonly now: () => Date,
  ) {}

  add(ack: DeliveredAck): void {
    this.#acks.push(ack);
    const quiet = this.now().getTime() - this.#lastFlushAt >= this.windowMs && this.#flushing.size === 0;
    if (this.#acks.length >= ACK_BATCH_MAX || quiet) void this.flush();
    else this.#timer ??= setTimeout(() => void this.flush(), this.windowMs);
  }

  /** Records what is gathered and waits for every recording under way; never rejects. */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const acks = this.#acks;
    this.#acks = [];
    if (acks.length > 0) {
      this.#lastFlushAt = this.now().getTime();
      const recording = this.record(acks)
        .catch((err: unknown) =>
          this.logger.error(
            { deliveries: acks.length, error: describeError(err) },
            "recording a webhook attempt failed",
          ),
        )
        .finally(() => this.#flushing.delete(recording));
      this.#flushing.add(recording);
    }
    await Promise.all([...this.#flushing]);
  }
}
