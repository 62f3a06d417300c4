/**
 * Politeness per host: at most `concurrency` requests in flight to one host,
 * and at least `minIntervalMs` between the starts of two requests to it (or
 * the host's robots.txt Crawl-delay, when longer). Other hosts are not held up.
 */
interface HostState {
  active: number;
  nextStart: number;
  waiting: (() => void)[];
  minIntervalMs: number;
}

export class HostPacer {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly minIntervalMs: number,
    private readonly concurrency: number,
  ) {}

  /** A host asks for more room (robots.txt Crawl-delay); never less than configured. */
  slowDown(host: string, intervalMs: number): void {
    const state = this.state(host);
    state.minIntervalMs = Math.max(state.minIntervalMs, intervalMs);
  }

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const state = this.state(host);
    while (state.active >= this.concurrency) {
      await new Promise<void>((resolve) => state.waiting.push(resolve));
    }
    state.active++;
    try {
      const wait = state.nextStart - Date.now();
      state.nextStart = Math.max(Date.now(), state.nextStart) + state.minIntervalMs;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      return await task();
    } finally {
      state.active--;
      state.waiting.shift()?.();
    }
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, nextStart: 0, waiting: [], minIntervalMs: this.minIntervalMs };
      this.hosts.set(host, state);
    }
    return state;
  }
}
