/**
 * Retry delays for webhook deliveries: exponential backoff with jitter, so that a platform
 * coming back after an outage is not hit by every pending action at the same instant.
 * Both variants are from "Exponential Backoff And Jitter" (AWS Architecture Blog, 2015):
 *
 * - full:         sleep = random(0, min(cap, base * 2^(n-1)))
 * - decorrelated: sleep = min(cap, random(base, previous * 3)), previous starting at base
 *
 * where n is the number of failed attempts so far. Pure: the random source is injected, so a
 * test fixes every delay.
 */

export type JitterKind = "full" | "decorrelated";

export interface BackoffPolicy {
  jitter: JitterKind;
  /** The first retry's scale (default 1 s). */
  baseMs: number;
  /** No delay exceeds this (default 10 min). */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { jitter: "full", baseMs: 1_000, capMs: 600_000 };

/** Returns a number in [0, 1), like `Math.random`. */
export type RandomSource = () => number;

/** Fills in defaults and refuses settings that would spin or never retry. */
export function backoffPolicy(overrides: Partial<BackoffPolicy> = {}): BackoffPolicy {
  const policy = { ...DEFAULT_BACKOFF, ...overrides };
  if (!(policy.baseMs > 0) || !Number.isFinite(policy.baseMs)) {
    throw new RangeError(`backoff baseMs must be a positive number, got ${policy.baseMs}`);
  }
  if (!(policy.capMs >= policy.baseMs) || !Number.isFinite(policy.capMs)) {
    throw new RangeError(`backoff capMs must be finite and at least baseMs, got ${policy.capMs}`);
  }
  if (policy.jitter !== "full" && policy.jitter !== "decorrelated") {
    throw new RangeError(`backoff jitter must be "full" or "decorrelated", got ${String(policy.jitter)}`);
  }
  return policy;
}

/**
 * Milliseconds to wait after the `failures`-th failed attempt (1 = the first attempt failed).
 * Decorrelated jitter grows from the previous delay; when that is unknown (another process
 * made the last attempt, or this one restarted) the previous full-jitter ceiling stands in.
 */
export function retryDelayMs(
  policy: BackoffPolicy,
  failures: number,
  random: RandomSource = Math.random,
  previousDelayMs?: number,
): number {
  if (!Number.isInteger(failures) || failures < 1) {
    throw new RangeError(`failures must be a positive integer, got ${failures}`);
  }
  const r = clampUnit(random());
  if (policy.jitter === "full") return Math.floor(r * ceilingMs(policy, failures));
  const previous = previousDelayMs ?? (failures === 1 ? policy.baseMs : ceilingMs(policy, failures - 1));
  const upper = Math.max(policy.baseMs, Math.min(policy.capMs, previous * 3));
  return Math.floor(policy.baseMs + r * (upper - policy.baseMs));
}

/** min(cap, base * 2^(n-1)); the exponent is bounded so huge attempt counts stay finite. */
export function ceilingMs(policy: BackoffPolicy, failures: number): number {
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(failures - 1, 62));
}

function clampUnit(x: number): number {
  if (!(x >= 0)) return 0;
  return x >= 1 ? 1 - Number.EPSILON : x;
}
