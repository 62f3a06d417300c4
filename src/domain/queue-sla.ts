/**
 * A queue's SLA at a glance: breached when any waiting case is past it, near
 * breach when one is within its last fifth (the repository counts both in
 * SQL), otherwise ok. Pure, so the page and the server cannot disagree.
 */
export type SlaState = "ok" | "near_breach" | "breached";

/** The share of the SLA after which a waiting case counts as about to breach. */
export const NEAR_BREACH_SHARE = 0.8;

export function slaState(counts: { breached: number; nearBreach: number }): SlaState {
  if (counts.breached > 0) return "breached";
  if (counts.nearBreach > 0) return "near_breach";
  return "ok";
}
