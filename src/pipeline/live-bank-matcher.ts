/**
 * The matching index the pipeline uses, kept current as banks change: a poll
 * compares the banks' change signature and, when it moved (an import, an
 * ignore, a bank disabled, from this process or the CLI against the same
 * PostgreSQL), loads a new index in the background and swaps it in. Matching
 * never waits for a reload; a batch sees either the old or the new index whole.
 */
import { BankMatcher } from "../matching/bank-matcher.js";
import type { BankRepository } from "../store/repositories/bank-repository.js";

export class LiveBankMatcher {
  private current = new BankMatcher();
  private signature = "";
  private timer: NodeJS.Timeout | null = null;
  /** Reloads run one after another, so a refresh asked for after a change always sees it. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly banks: BankRepository,
    private readonly log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void },
  ) {}

  get(): BankMatcher {
    return this.current;
  }

  /** Reloads when the banks changed; true when a new index was swapped in. */
  refresh(): Promise<boolean> {
    const next = this.chain.then(
      () => this.reload(),
      () => this.reload(),
    );
    this.chain = next;
    return next;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.log.error({ err: error }, "bank reload failed"));
    }, intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async reload(): Promise<boolean> {
    const signature = await this.banks.changeSignature();
    if (signature === this.signature) return false;
    const started = Date.now();
    const next = await BankMatcher.load(this.banks, null);
    this.current = next;
    this.signature = signature;
    this.log.info({ entries: next.size, ms: Date.now() - started }, "hash index loaded");
    return true;
  }
}
