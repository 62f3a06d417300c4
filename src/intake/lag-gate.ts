/**
 * Backpressure for intake (issue 9, point 4). Lag is what was accepted and not
 * yet decided: the database's pending events, which is exact in every mode
 * (embedded queue or JetStream) because an event stays pending until its
 * decision commits. Counting is not free, so a reading is reused for
 * `cacheMs`; events this process accepts meanwhile are added to it, so a burst
 * cannot overshoot the limit between two readings by more than one request.
 *
 * Refusing happens before anything is stored: a 429 never hides an accepted
 * event, and what was acknowledged earlier stays pending until decided.
 */
export type LagVerdict =
  | { kind: "admit"; lag: number }
  | { kind: "refuse"; lag: number; maxLag: number; retryAfterSeconds: number };

export interface LagGateOptions {
  /** Accepted-but-undecided events above which intake answers 429; 0 or less: never refuse. */
  maxLag: number;
  /** How long one reading of the lag is reused. */
  cacheMs?: number;
  now?: () => number;
}

interface Reading {
  lag: number;
  at: number;
  /** Accepted by this process since the reading. */
  acceptedSince: number;
}

/** Bounds on Retry-After: at least a second (clients retry no faster), at most a minute (they come back). */
const MIN_RETRY_S = 1;
const MAX_RETRY_S = 60;

export class LagGate {
  private reading: Reading | null = null;
  private refreshing: Promise<Reading> | null = null;
  /** Events decided per second, from two consecutive readings; null until known. */
  private drainPerSecond: number | null = null;
  private readonly cacheMs: number;
  private readonly now: () => number;

  constructor(
    private readonly readLag: () => Promise<number>,
    private readonly options: LagGateOptions,
  ) {
    this.cacheMs = options.cacheMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** The lag as last read plus what this process accepted since (for the metrics gauge). */
  get lastLag(): number {
    return this.reading ? this.reading.lag + this.reading.acceptedSince : 0;
  }

  get maxLag(): number {
    return this.options.maxLag;
  }

  /** May more events be accepted now? */
  async check(): Promise<LagVerdict> {
    if (this.options.maxLag <= 0) return { kind: "admit", lag: this.lastLag };
    const reading = await this.current();
    const lag = reading.lag + reading.acceptedSince;
    if (lag < this.options.maxLag) return { kind: "admit", lag };
    return { kind: "refuse", lag, maxLag: this.options.maxLag, retryAfterSeconds: this.retryAfter(lag) };
  }

  /** Events this process has just accepted (they count until the next reading sees them). */
  accepted(count: number): void {
    if (this.reading) this.reading.acceptedSince += count;
  }

  private retryAfter(lag: number): number {
    // Time for the workers to bring the lag back under the limit at their recent pace.
    const excess = lag - this.options.maxLag + 1;
    const seconds = this.drainPerSecond && this.drainPerSecond > 0 ? excess / this.drainPerSecond : 5;
    return Math.min(MAX_RETRY_S, Math.max(MIN_RETRY_S, Math.ceil(seconds)));
  }

  private async current(): Promise<Reading> {
    const reading = this.reading;
    if (reading && this.now() - reading.at < this.cacheMs) return reading;
    // One count at a time, however many requests arrive meanwhile.
    this.refreshing ??= this.readLag()
      .then((lag) => {
        const next: Reading = { lag, at: this.now(), acceptedSince: 0 };
        if (reading && next.at > reading.at) {
          const decided = reading.lag + reading.acceptedSince - lag;
          this.drainPerSecond = Math.max(0, decided) / ((next.at - reading.at) / 1000);
        }
        this.reading = next;
        return next;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }
}
