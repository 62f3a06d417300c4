/**
 * Requests per minute per key (an API key, a console user, a client address):
 * a token bucket that holds a minute's allowance and refills continuously, so
 * a client may spend its minute in a burst but not more. In memory, per API
 * process: with several API processes behind a balancer each enforces its own
 * share.
 */

export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updated: number;
}

/** Keys remembered before the full buckets (idle clients) are forgotten. */
const MAX_KEYS = 100_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  /** `perMinute` 0: no limit. */
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = perMinute / 60_000;
  }

  take(key: string): RateVerdict {
    if (this.perMinute <= 0) return { ok: true };
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (bucket) {
      bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.updated) * this.perMs);
      bucket.updated = now;
    } else {
      if (this.buckets.size >= MAX_KEYS) this.forgetIdle(now);
      bucket = { tokens: this.perMinute, updated: now };
      this.buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000)) };
  }

  /** Drops buckets that have refilled (their clients are idle); if none have, starts over. */
  private forgetIdle(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.updated) * this.perMs >= this.perMinute) this.buckets.delete(key);
    }
    if (this.buckets.size >= MAX_KEYS) this.buckets.clear();
  }
}

/**
 * The key an address is limited under: an IPv4 address as it is, an IPv6 address by its
 * /64 (one subscriber's network: rotating addresses inside it does not buy more requests).
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!ip.includes(":")) return ip;
  const [head, tail = ""] = ip.split("::", 2);
  const left = head ? head.split(":") : [];
  const right = ip.includes("::") && tail ? tail.split(":") : [];
  const groups = ip.includes("::")
    ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || "0", 16).toString(16))
    .join(":")}::/64`;
}
