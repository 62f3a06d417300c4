/**
 * Time-to-removal per platform: from Vigil's action to the confirmed removal
 * of the link, as Project Arachnid reports it. Pure, over liveness records.
 */
import type { InvitePlatform } from "./platforms.js";

export interface RemovalSample {
  platform: InvitePlatform;
  actionedAt: Date | null;
  removedAt: Date | null;
}

export interface RemovalStats {
  platform: InvitePlatform;
  removed: number;
  /** Actioned and still not confirmed removed. */
  pending: number;
  medianMs: number | null;
  p90Ms: number | null;
}

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

export function timeToRemoval(samples: RemovalSample[]): RemovalStats[] {
  const byPlatform = new Map<InvitePlatform, { durations: number[]; pending: number }>();
  for (const s of samples) {
    if (!s.actionedAt) continue;
    const entry = byPlatform.get(s.platform) ?? { durations: [], pending: 0 };
    if (s.removedAt) entry.durations.push(Math.max(0, s.removedAt.getTime() - s.actionedAt.getTime()));
    else entry.pending++;
    byPlatform.set(s.platform, entry);
  }
  return [...byPlatform.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([platform, { durations, pending }]) => {
      const sorted = [...durations].sort((a, b) => a - b);
      return {
        platform,
        removed: sorted.length,
        pending,
        medianMs: percentile(sorted, 0.5),
        p90Ms: percentile(sorted, 0.9),
      };
    });
}
