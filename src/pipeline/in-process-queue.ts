/**
 * EventQueue in memory, for the embedded mode: one consumer loop, batches as
 * large as what has piled up (up to maxBatch), so the consumer's cost per
 * event falls as load rises. A failing batch is retried after a pause; the
 * handler is expected to park events that fail repeatedly.
 */
import type { BatchHandler, EventQueue } from "../domain/event-queue.js";

export class InProcessQueue implements EventQueue {
  private pending: number[] = [];
  private handler: BatchHandler | null = null;
  private maxBatch = 500;
  private running: Promise<void> | null = null;
  private closed = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly onError: (error: unknown) => void = () => {},
    private readonly retryDelayMs = 1000,
  ) {}

  get depth(): number {
    return this.pending.length;
  }

  publish(seqs: number[]): void {
    if (this.closed || seqs.length === 0) return;
    for (const s of seqs) this.pending.push(s);
    this.kick();
  }

  consume(handler: BatchHandler, maxBatch: number): void {
    this.handler = handler;
    this.maxBatch = maxBatch;
    this.kick();
  }

  drained(): Promise<void> {
    if (this.pending.length === 0 && !this.running) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.running;
  }

  private kick(): void {
    if (this.running || !this.handler || this.closed || this.pending.length === 0) return;
    this.running = this.loop().finally(() => {
      this.running = null;
      if (this.pending.length > 0 && !this.closed) this.kick();
      else for (const w of this.waiters.splice(0)) w();
    });
  }

  private async loop(): Promise<void> {
    const handler = this.handler as BatchHandler;
    while (this.pending.length > 0 && !this.closed) {
      const batch = this.pending.splice(0, this.maxBatch);
      try {
        await handler(batch);
      } catch (error) {
        this.onError(error);
        this.pending.unshift(...batch);
        await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      }
    }
  }
}
