/**
 * Publishes the bank change log onto the stream (bank-change-stream.ts): the
 * writing process calls it right after its transaction commits (the fast
 * path), and the leased sweep calls it every second for whatever is still
 * unpublished: a write by `vigil bank import` (which knows nothing of NATS),
 * or one whose process crashed or lost NATS between commit and publish. A
 * change is marked published (its stream sequence recorded) only after the
 * stream acknowledged it, so a failure anywhere leaves it for the next pass,
 * and the message id makes a second publish of it harmless.
 */
import type { BankChange, BankChangeRepository } from "../store/repositories/bank-change-repository.js";

/** Changes read and published per round. */
const ROUND = 1_000;

export interface BankChangePublisher {
  publish(changes: readonly BankChange[]): Promise<{ seq: number; streamSeq: number }[]>;
}

export class BankChangeRelay {
  /** Passes run one after another in a process: a pass asked for after a commit always reads it. */
  private chain: Promise<unknown> = Promise.resolve();
  readonly stats = { published: 0, failures: 0 };

  constructor(
    private readonly changes: BankChangeRepository,
    private readonly stream: BankChangePublisher,
  ) {}

  /** Publishes every change not yet on the stream; resolves with them (in seq order). */
  publishPending(): Promise<BankChange[]> {
    const next = this.chain.then(
      () => this.pass(),
      () => this.pass(),
    );
    this.chain = next;
    return next;
  }

  private async pass(): Promise<BankChange[]> {
    const published: BankChange[] = [];
    for (;;) {
      const round = await this.changes.unpublished(ROUND);
      if (round.length === 0) return published;
      try {
        await this.changes.markPublished(await this.stream.publish(round));
      } catch (error) {
        this.stats.failures++;
        throw error;
      }
      this.stats.published += round.length;
      published.push(...round);
      if (round.length < ROUND) return published;
    }
  }
}
