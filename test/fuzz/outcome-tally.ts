/**
 * Shared by the fuzz suites (issue 17): a fixed seed and run count so CI time is
 * bounded and a failure replays, and a tally that counts each parser's cases by
 * outcome. An outcome is "ok" or the name of an error the parser documents; any
 * other throw (TypeError, RangeError, a stack overflow) is a crash and fails the
 * test with the case that caused it.
 */
import type { TestContext } from "node:test";

export const FUZZ_SEED = 17;

/** Names an expected error (e.g. `MediaError ImageDecodeError`), or null when the error is a crash. */
export type ErrorNamer = (error: unknown) => string | null;

export class OutcomeTally {
  readonly outcomes = new Map<string, number>();
  cases = 0;

  constructor(
    readonly parser: string,
    private readonly named: ErrorNamer,
  ) {}

  /** Runs one case; a named error is counted, anything else is rethrown as a crash naming the case. */
  async run<T>(label: string, parse: () => T | Promise<T>): Promise<T | undefined> {
    this.cases += 1;
    try {
      const value = await parse();
      this.count("ok");
      return value;
    } catch (error) {
      const name = this.named(error);
      if (name === null) {
        const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        throw new Error(`${this.parser} crashed on ${label}: ${why.slice(0, 500)}`, { cause: error });
      }
      this.count(name);
      return undefined;
    }
  }

  count(outcome: string): void {
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
  }

  /** One diagnostic line per parser: its case count, 0 crashes, and the outcomes seen. */
  report(t: TestContext): void {
    const seen = [...this.outcomes]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([outcome, n]) => `${outcome}: ${n}`)
      .join(", ");
    t.diagnostic(`${this.parser}: ${this.cases} cases, 0 crashes (${seen})`);
  }
}

/** An error of one of the given classes, named by its class name and, when it has one, its code or reason. */
export function namedBy(...classes: (abstract new (...args: never[]) => Error)[]): ErrorNamer {
  return (error) => {
    if (!classes.some((c) => error instanceof c)) return null;
    const e = error as Error & { code?: unknown; reason?: unknown };
    const why = typeof e.code === "string" ? e.code : e.reason;
    return typeof why === "string" ? `${e.name} ${why}` : e.name;
  };
}
