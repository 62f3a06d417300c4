/**
 * Failed console sign-ins are limited per account and per network address
 * (OWASP Authentication Cheat Sheet, "Login Throttling"): past the limit in a
 * sliding window, sign-in is refused before the password is even checked, so
 * guessing stops while the window lasts. A success clears the account's
 * failures. Kept in memory per API process: a restart or another process
 * starts afresh, which bounds guessing by processes × limit rather than
 * stopping it, and keeps a sign-in free of extra writes.
 */
export interface SignInLimits {
  windowMs: number;
  perAccount: number;
  perAddress: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  windowMs: 15 * 60 * 1000,
  perAccount: 5,
  perAddress: 20,
};

export type SignInVerdict =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; by: "account" | "address" };

export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  check(account: string, address: string): SignInVerdict {
    for (const [by, key, limit] of [
      ["account", `a:${account}`, this.limits.perAccount],
      ["address", `i:${address}`, this.limits.perAddress],
    ] as const) {
      const recent = this.recent(key);
      if (recent.length >= limit) {
        // Free again when the oldest failure that keeps it at the limit leaves the window.
        const freeAt = recent[recent.length - limit] + this.limits.windowMs;
        return {
          allowed: false,
          by,
          retryAfterSeconds: Math.max(1, Math.ceil((freeAt - this.now()) / 1000)),
        };
      }
    }
    return { allowed: true };
  }

  fail(account: string, address: string): void {
    for (const key of [`a:${account}`, `i:${address}`])
      this.failures.set(key, [...this.recent(key), this.now()]);
    if (this.failures.size > 100_000) this.prune();
  }

  succeed(account: string): void {
    this.failures.delete(`a:${account}`);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  private prune(): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key).length === 0) this.failures.delete(key);
    }
  }
}
