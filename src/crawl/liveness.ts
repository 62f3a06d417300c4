/**
 * Link liveness as data: what each observation of a preview page does to a
 * link's state, and when to look again. One "revoked" observation is only a
 * suspicion (pages fail, caches lag); a second one confirms it, and the link's
 * removal time is the first of the two. A revoked link is terminal: nothing
 * more to check. After Vigil has asked the platform to act, alive links are
 * checked far more often, so time-to-removal is measured in minutes.
 */
export const LINK_OBSERVATIONS = ["alive", "full", "revoked", "unknown"] as const;
export type LinkObservation = (typeof LINK_OBSERVATIONS)[number];

export const LIVENESS_STATES = [
  "unchecked",
  "alive",
  "full",
  "unknown",
  "suspected_revoked",
  "revoked",
] as const;
export type LivenessState = (typeof LIVENESS_STATES)[number];

export const LIVENESS_TRANSITIONS: Record<LivenessState, Record<LinkObservation, LivenessState>> = {
  unchecked: { alive: "alive", full: "full", revoked: "suspected_revoked", unknown: "unknown" },
  alive: { alive: "alive", full: "full", revoked: "suspected_revoked", unknown: "unknown" },
  full: { alive: "alive", full: "full", revoked: "suspected_revoked", unknown: "unknown" },
  unknown: { alive: "alive", full: "full", revoked: "suspected_revoked", unknown: "unknown" },
  suspected_revoked: { alive: "alive", full: "full", revoked: "revoked", unknown: "suspected_revoked" },
  revoked: { alive: "revoked", full: "revoked", revoked: "revoked", unknown: "revoked" },
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface Backoff {
  firstMs: number;
  maxMs: number;
}

/** Delay before the next check: firstMs doubled per repeat of the same state, capped at maxMs; null = never. */
export const RECHECK_SCHEDULE: Record<LivenessState, Backoff | null> = {
  unchecked: { firstMs: 0, maxMs: 0 },
  alive: { firstMs: 6 * HOUR, maxMs: 7 * DAY },
  full: { firstMs: 6 * HOUR, maxMs: 7 * DAY },
  unknown: { firstMs: 15 * MINUTE, maxMs: DAY },
  suspected_revoked: { firstMs: 10 * MINUTE, maxMs: HOUR },
  revoked: null,
};

/** Once an enforcement action was sent, living links are watched closely until they die. */
export const RECHECK_AFTER_ACTION: Backoff = { firstMs: 10 * MINUTE, maxMs: 2 * HOUR };

export interface Liveness {
  state: LivenessState;
  /** Checks in a row that ended in this state (drives the backoff). */
  streak: number;
  checks: number;
  lastCheckedAt: Date | null;
  nextCheckAt: Date | null;
  /** When the link was first seen revoked in the streak that confirmed it. */
  suspectedAt: Date | null;
  removedAt: Date | null;
  /** When Vigil asked the platform to act on the link or its group. */
  actionedAt: Date | null;
}

export function newLiveness(now: Date): Liveness {
  return {
    state: "unchecked",
    streak: 0,
    checks: 0,
    lastCheckedAt: null,
    nextCheckAt: now,
    suspectedAt: null,
    removedAt: null,
    actionedAt: null,
  };
}

function delay(backoff: Backoff, streak: number): number {
  return Math.min(backoff.firstMs * 2 ** Math.max(0, streak - 1), backoff.maxMs);
}

export function nextCheckDelay(state: LivenessState, streak: number, actioned: boolean): number | null {
  const schedule = RECHECK_SCHEDULE[state];
  if (!schedule) return null;
  const watched = actioned && (state === "alive" || state === "full" || state === "unknown");
  return delay(watched ? RECHECK_AFTER_ACTION : schedule, streak);
}

export function observe(current: Liveness, observation: LinkObservation, at: Date): Liveness {
  const state = LIVENESS_TRANSITIONS[current.state][observation];
  const streak = state === current.state ? current.streak + 1 : 1;
  const suspectedAt =
    state === "suspected_revoked"
      ? (current.suspectedAt ?? at)
      : state === "revoked"
        ? current.suspectedAt
        : null;
  const removedAt = current.removedAt ?? (state === "revoked" ? (suspectedAt ?? at) : null);
  const wait = nextCheckDelay(state, streak, current.actionedAt !== null);
  return {
    ...current,
    state,
    streak,
    checks: current.checks + 1,
    lastCheckedAt: at,
    nextCheckAt: wait === null ? null : new Date(at.getTime() + wait),
    suspectedAt,
    removedAt,
  };
}

/** Vigil sent an action about this link: re-check soon, and closely from now on. */
export function markActioned(current: Liveness, at: Date): Liveness {
  if (current.state === "revoked") return current;
  const soon = new Date(at.getTime() + RECHECK_AFTER_ACTION.firstMs);
  const nextCheckAt = current.nextCheckAt && current.nextCheckAt < soon ? current.nextCheckAt : soon;
  // The streak restarts so the close watch begins at its first, shortest interval.
  return { ...current, streak: 0, actionedAt: current.actionedAt ?? at, nextCheckAt };
}
