/**
 * Bounds image decoding in one process: at most `concurrent` decodes at once
 * and at most `megapixels` of declared pixels in flight. Decoded pixels, not
 * upload bytes, are what take the memory (an 80-megapixel PNG of a few MB
 * decodes to 240 MB), so twelve of them at once used to take 2.2 GB (issue
 * 17, finding 10). A decode that cannot get its share within `waitMs` is
 * refused with DecoderBusyError, which the API answers as 503 DecoderBusy with
 * Retry-After, rather than queueing without end. Waiters are served in arrival
 * order so a big image is not starved by a stream of small ones.
 */
export interface DecodeBudgetOptions {
  /** Declared pixels (width x height, in millions) decoding at once. */
  megapixels: number;
  /** Decodes at once, whatever their size. */
  concurrent: number;
  /** How long a decode may wait for its share before it is refused. */
  waitMs: number;
  /** After a decode at least this big, `reclaim` runs before the next decode is let in. */
  reclaimAboveMegapixels?: number;
}

/** One 100-megapixel image (the decoder's own limit) or a few small ones at a time: well under 1 GB of pixels. */
export const DEFAULT_DECODE_BUDGET: DecodeBudgetOptions = {
  megapixels: 100,
  concurrent: 2,
  waitMs: 5_000,
  reclaimAboveMegapixels: 10,
};

export class DecoderBusyError extends Error {
  override readonly name = "DecoderBusyError";
  readonly code = "DecoderBusy";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

interface Waiter {
  pixels: number;
  grant: () => void;
}

export class DecodeBudget {
  private readonly capacity: number;
  private pixelsInFlight = 0;
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly options: DecodeBudgetOptions = DEFAULT_DECODE_BUDGET,
    /** Frees a finished decode's memory (reclaim-memory.ts's collectGarbage in the service). */
    private readonly reclaim: () => void = () => {},
  ) {
    if (!(options.megapixels > 0) || !(options.concurrent >= 1) || !(options.waitMs >= 0)) {
      throw new Error("a decode budget needs megapixels > 0, concurrent >= 1 and waitMs >= 0");
    }
    this.capacity = options.megapixels * 1_000_000;
  }

  /** Runs `decode` once `pixels` fit in the budget; throws DecoderBusyError after waitMs. */
  async run<T>(pixels: number, decode: () => Promise<T>): Promise<T> {
    // An image bigger than the whole budget (but under the decoder's own limit) decodes alone.
    const share = Math.min(Math.max(pixels, 1), this.capacity);
    await this.acquire(share);
    try {
      return await decode();
    } finally {
      if (share >= (this.options.reclaimAboveMegapixels ?? Number.POSITIVE_INFINITY) * 1_000_000) {
        // The pixels are garbage once the decode's promise settles; free them before the next decode allocates.
        await new Promise((resolve) => setImmediate(resolve));
        this.reclaim();
      }
      this.pixelsInFlight -= share;
      this.running -= 1;
      this.grantWaiting();
    }
  }

  /** For metrics and tests. */
  get inFlight(): { decodes: number; megapixels: number; waiting: number } {
    return {
      decodes: this.running,
      megapixels: this.pixelsInFlight / 1_000_000,
      waiting: this.waiting.length,
    };
  }

  private fits(pixels: number): boolean {
    return this.running < this.options.concurrent && this.pixelsInFlight + pixels <= this.capacity;
  }

  private take(pixels: number): void {
    this.pixelsInFlight += pixels;
    this.running += 1;
  }

  private acquire(pixels: number): Promise<void> {
    if (this.waiting.length === 0 && this.fits(pixels)) {
      this.take(pixels);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        pixels,
        grant: () => {
          clearTimeout(timer);
          this.take(pixels);
          resolve();
        },
      };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        // Leaving may let the next in line through.
        this.grantWaiting();
        reject(
          new DecoderBusyError(
            `the image decoders are busy (${this.running} decodes, ${Math.round(this.pixelsInFlight / 1_000_000)} of ${this.options.megapixels} megapixels in flight); retry shortly`,
            Math.max(1, Math.ceil(this.options.waitMs / 1000)),
          ),
        );
      }, this.options.waitMs);
      this.waiting.push(waiter);
    });
  }

  private grantWaiting(): void {
    while (this.waiting.length > 0 && this.fits(this.waiting[0].pixels)) {
      this.waiting.shift()?.grant();
    }
  }
}
