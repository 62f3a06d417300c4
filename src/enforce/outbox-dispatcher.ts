/**
 * Delivers outbox rows to the platform's webhook until each is acknowledged (issue 4: "retried
 * with exponential backoff and jitter until acknowledged"). It polls the store, and `wake()`
 * lets the pipeline skip the wait right after it commits new actions (Ozone's post-commit fast
 * path). At most `concurrency` requests run at once. A delivery is never abandoned; past
 * `failingAfterAttempts` it is reported as failing so operators see it. Every failure is
 * logged with its status and reason; the secret, the signature and the body never are.
 */

import { AckBatcher } from "./ack-batcher.js";
import { type BackoffPolicy, backoffPolicy, type RandomSource, retryDelayMs } from "./backoff.js";
import { attemptDelivery, type WebhookTarget } from "./delivery-attempt.js";
import type { EnforceLogger } from "./logger.js";
import {
  type DispatcherStats,
  type FailingDelivery,
  type OutboxDispatcherOptions,
  positiveInteger,
  redactUrl,
  webhookTarget,
} from "./outbox-dispatcher-options.js";
import type { OutboxDelivery, OutboxStore } from "./outbox-store.js";
import { createUndiciTransport, describeError, type WebhookTransport } from "./webhook-transport.js";

/** A claimed row waiting for a free slot, with the end of its lease. */
interface QueuedDelivery {
  delivery: OutboxDelivery;
  leaseEndsAt: number;
}

export class OutboxDispatcher {
  readonly #store: OutboxStore;
  readonly #logger: EnforceLogger;
  readonly #target: WebhookTarget | null;
  readonly #injectedTransport: WebhookTransport | null;
  #ownTransport: WebhookTransport | null = null;
  readonly #concurrency: number;
  readonly #pollIntervalMs: number;
  readonly #requestTimeoutMs: number;
  readonly #leaseMs: number;
  readonly #backoff: BackoffPolicy;
  readonly #random: RandomSource;
  readonly #now: () => Date;
  readonly #failingAfter: number;
  readonly #onFailing: ((failing: FailingDelivery) => void) | null;
  readonly #claimBatch: number;
  /** Gathers acknowledgements when the store can record many at once (`ackBatchMs`). */
  readonly #acks: AckBatcher | null;
  #queued: QueuedDelivery[] = [];

  #running = false;
  #timer: NodeJS.Timeout | null = null;
  #pumping: Promise<void> | null = null;
  #pumpAgain = false;
  /** A claim filled every free slot, or a wake came while full: claim again when one frees. */
  #backlog = false;
  #toldDisabled = false;
  readonly #inFlight = new Set<Promise<void>>();
  /** Outbox id -> last retry delay, for decorrelated jitter. */
  readonly #pending = new Map<number, number | undefined>();
  readonly #failing = new Set<number>();
  #delivered = 0;
  #failedAttempts = 0;

  constructor(options: OutboxDispatcherOptions) {
    this.#store = options.store;
    this.#logger = options.logger;
    this.#target = webhookTarget(options.webhookUrl, options.webhookSecret);
    this.#injectedTransport = options.transport ?? null;
    this.#concurrency = positiveInteger("concurrency", options.concurrency ?? 4);
    this.#pollIntervalMs = positiveInteger("pollIntervalMs", options.pollIntervalMs ?? 1_000);
    this.#requestTimeoutMs = positiveInteger("requestTimeoutMs", options.requestTimeoutMs ?? 10_000);
    this.#leaseMs = positiveInteger("leaseMs", options.leaseMs ?? 60_000);
    if (this.#leaseMs <= this.#requestTimeoutMs) {
      // Otherwise a slow request's row could be claimed again and sent twice at once.
      throw new RangeError("leaseMs must exceed requestTimeoutMs");
    }
    this.#backoff = backoffPolicy(options.backoff);
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? (() => new Date());
    this.#failingAfter = positiveInteger("failingAfterAttempts", options.failingAfterAttempts ?? 10);
    this.#onFailing = options.onFailing ?? null;
    this.#claimBatch = options.claimBatchSize ?? 0;
    if (!Number.isInteger(this.#claimBatch) || this.#claimBatch < 0)
      throw new RangeError(`claimBatchSize must be a whole number, got ${this.#claimBatch}`);
    const ackBatchMs = options.ackBatchMs ?? 0;
    const recordMany = this.#store.markDeliveredMany?.bind(this.#store);
    this.#acks =
      recordMany && ackBatchMs > 0 ? new AckBatcher(recordMany, ackBatchMs, this.#logger, this.#now) : null;
  }

  /** False when no webhook URL is configured. */
  get enabled(): boolean {
    return this.#target !== null;
  }

  stats(): DispatcherStats {
    return {
      delivered: this.#delivered,
      failedAttempts: this.#failedAttempts,
      inFlight: this.#inFlight.size,
      pending: this.#pending.size,
      failing: this.#failing.size,
    };
  }

  start(): void {
    if (this.#running) return;
    if (!this.#target) {
      this.#tellDisabled();
      return;
    }
    this.#running = true;
    this.#logger.info(
      { webhook: redactUrl(this.#target.url), concurrency: this.#concurrency },
      "webhook dispatcher started",
    );
    this.#kick();
  }

  /** Claim due rows now instead of at the next poll; call after committing new actions. */
  wake(): void {
    if (this.#running) this.#kick();
  }

  /**
   * Stops polling, waits for the claim and the requests under way to finish and be recorded,
   * and closes the default transport's connections. Safe to call more than once.
   */
  async stop(): Promise<void> {
    const wasRunning = this.#running;
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#pumping;
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
    // Rows claimed but never started are left to their lease; acknowledgements are recorded now.
    this.#queued = [];
    await this.#acks?.flush();
    const own = this.#ownTransport;
    this.#ownTransport = null;
    if (own) await own.close().catch(() => undefined);
    if (wasRunning) this.#logger.info({ ...this.stats() }, "webhook dispatcher stopped");
  }

  /**
   * For tests and one-shot commands on a stopped dispatcher: delivers every row due now, one
   * attempt each, and resolves when all are recorded, with the number attempted. Call `stop()`
   * afterwards to release connections.
   */
  async processDue(): Promise<number> {
    if (this.#running) throw new Error("processDue() is for a stopped dispatcher");
    if (!this.#target) {
      this.#tellDisabled();
      return 0;
    }
    const now = this.#now();
    const seen = new Set<number>();
    for (;;) {
      const claimed = await this.#store.claimDue(now, this.#concurrency, this.#leaseMs);
      const fresh = claimed.filter((d) => !seen.has(d.id));
      for (const d of fresh) seen.add(d.id);
      await Promise.all(fresh.map((d) => this.#deliver(d)));
      await this.#acks?.flush();
      if (fresh.length === 0 || claimed.length < this.#concurrency) return seen.size;
    }
  }

  #kick(): void {
    if (this.#pumping) {
      this.#pumpAgain = true;
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pumping = this.#pump().finally(() => {
      this.#pumping = null;
      if (!this.#running) return;
      if (this.#pumpAgain) this.#kick();
      else this.#timer = setTimeout(() => this.#kick(), this.#pollIntervalMs);
    });
  }

  /** Claims into the free slots; never rejects. */
  async #pump(): Promise<void> {
    do {
      this.#pumpAgain = false;
      const free = this.#concurrency - this.#inFlight.size;
      if (!this.#running) return;
      if (free <= 0) {
        this.#backlog = true;
        return;
      }
      const waiting = this.#takeQueued(free);
      for (const delivery of waiting) this.#launch(delivery);
      if (waiting.length === free) {
        this.#backlog = true;
        continue;
      }
      const want = Math.max(free - waiting.length, this.#claimBatch);
      let claimed: OutboxDelivery[];
      const claimedAt = this.#now().getTime();
      try {
        claimed = await this.#store.claimDue(new Date(claimedAt), want, this.#leaseMs);
      } catch (err) {
        this.#logger.error(
          { error: describeError(err) },
          "claiming outbox rows failed; retrying at the next poll",
        );
        return;
      }
      // Claimed rows are leased to us: deliver them even if stop() was called meanwhile.
      const slots = free - waiting.length;
      for (const delivery of claimed.slice(0, slots)) this.#launch(delivery);
      for (const delivery of claimed.slice(slots))
        this.#queued.push({ delivery, leaseEndsAt: claimedAt + this.#leaseMs });
      if (claimed.length >= slots) this.#backlog = true;
    } while (this.#pumpAgain);
  }

  /** Up to `n` queued rows whose lease still covers a whole request; the others are let go. */
  #takeQueued(n: number): OutboxDelivery[] {
    const latestStart = this.#now().getTime() + this.#requestTimeoutMs;
    const taken: OutboxDelivery[] = [];
    while (taken.length < n && this.#queued.length > 0) {
      const next = this.#queued.shift()!;
      if (next.leaseEndsAt > latestStart) taken.push(next.delivery);
    }
    return taken;
  }

  #launch(delivery: OutboxDelivery): void {
    const run: Promise<void> = this.#deliver(delivery).finally(() => {
      this.#inFlight.delete(run);
      if (this.#running && this.#backlog) {
        this.#backlog = false;
        this.#kick();
      }
    });
    this.#inFlight.add(run);
  }

  /** One attempt, recorded in the store; never rejects. */
  async #deliver(delivery: OutboxDelivery): Promise<void> {
    const target = this.#target;
    if (!target) return;
    if (!this.#pending.has(delivery.id)) this.#pending.set(delivery.id, undefined);
    const attempts = delivery.attempts + 1;
    const started = this.#now();
    const fields = { outboxId: delivery.id, actionId: delivery.publicId, action: delivery.action, attempts };
    try {
      const outcome = await attemptDelivery(
        this.#transport(),
        target,
        delivery,
        started,
        this.#requestTimeoutMs,
      );
      if (outcome.delivered) {
        this.#delivered += 1;
        const wasFailing = this.#failing.delete(delivery.id);
        this.#pending.delete(delivery.id);
        if (this.#acks)
          this.#acks.add({ id: delivery.id, at: this.#now(), attempts, status: outcome.status });
        else await this.#store.markDelivered(delivery.id, this.#now(), attempts, outcome.status);
        this.#logger.info(
          { ...fields, status: outcome.status },
          wasFailing ? "webhook delivered after failing" : "webhook delivered",
        );
        return;
      }
      await this.#recordFailure(delivery, attempts, outcome.status, outcome.error, outcome.retryAfterMs);
    } catch (err) {
      // A store that cannot record the outcome: the lease runs out and the row is retried.
      this.#logger.error({ ...fields, error: describeError(err) }, "recording a webhook attempt failed");
    }
  }

  async #recordFailure(
    delivery: OutboxDelivery,
    attempts: number,
    status: number | null,
    error: string,
    retryAfterMs: number | null,
  ): Promise<void> {
    this.#failedAttempts += 1;
    const previous = this.#pending.get(delivery.id);
    const backoffMs = retryDelayMs(this.#backoff, attempts, this.#random, previous);
    // Honour a receiver's Retry-After (429/503), within the cap so delivery still progresses.
    const delayMs = Math.min(this.#backoff.capMs, Math.max(backoffMs, retryAfterMs ?? 0));
    this.#pending.set(delivery.id, delayMs);
    const nextAttemptAt = new Date(this.#now().getTime() + delayMs);
    await this.#store.markFailed(delivery.id, attempts, nextAttemptAt, error, status);
    const fields = {
      outboxId: delivery.id,
      actionId: delivery.publicId,
      action: delivery.action,
      attempts,
      status,
      reason: error,
      nextAttemptAt: nextAttemptAt.toISOString(),
    };
    if (attempts >= this.#failingAfter && !this.#failing.has(delivery.id)) {
      this.#failing.add(delivery.id);
      this.#logger.error(fields, "webhook delivery failing; still retrying until acknowledged");
      try {
        this.#onFailing?.({ delivery, attempts, status, error, nextAttemptAt });
      } catch (err) {
        this.#logger.error({ outboxId: delivery.id, error: describeError(err) }, "onFailing callback threw");
      }
    } else {
      this.#logger.warn(fields, "webhook delivery failed; will retry");
    }
  }

  #transport(): WebhookTransport {
    if (this.#injectedTransport) return this.#injectedTransport;
    this.#ownTransport ??= createUndiciTransport({ connections: this.#concurrency });
    return this.#ownTransport;
  }

  #tellDisabled(): void {
    if (this.#toldDisabled) return;
    this.#toldDisabled = true;
    this.#logger.warn(
      {},
      "no webhook URL configured (VIGIL_WEBHOOK_URL); actions stay pending in the outbox",
    );
  }
}

export type {
  DispatcherStats,
  FailingDelivery,
  OutboxDispatcherOptions,
} from "./outbox-dispatcher-options.js";
export { redactUrl } from "./outbox-dispatcher-options.js";
