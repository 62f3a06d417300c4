/**
 * One round of liveness re-checks: every stored link whose next check is due
 * is looked at through its preview page, and its new state (liveness.ts) and
 * the check itself are saved together. Runs by `vigil crawl check`, on a timer.
 */
import type { CrawledLinkRow, CrawlRepository } from "../store/repositories/crawl-repository.js";
import { LIVENESS_STATES, type Liveness, type LivenessState, observe } from "./liveness.js";
import { INVITE_PLATFORMS, type InvitePlatform } from "./platforms.js";
import { type PreviewOptions, resolvePreview } from "./preview/resolve-preview.js";

export interface CheckedLink {
  platform: InvitePlatform;
  code: string;
  state: LivenessState;
  note: string;
}

function livenessOf(row: CrawledLinkRow): Liveness {
  const state = LIVENESS_STATES.find((s) => s === row.liveness) ?? "unknown";
  return {
    state,
    streak: row.streak,
    checks: row.checks,
    lastCheckedAt: row.lastCheckedAt,
    nextCheckAt: row.nextCheckAt,
    suspectedAt: row.suspectedAt,
    removedAt: row.removedAt,
    actionedAt: row.actionedAt,
  };
}

export async function checkDueLinks(
  repo: CrawlRepository,
  preview: Omit<PreviewOptions, "withImage">,
  now: () => Date,
  limit = 500,
): Promise<CheckedLink[]> {
  const checked: CheckedLink[] = [];
  for (const row of await repo.dueLinks(now(), limit)) {
    const platform = INVITE_PLATFORMS.find((p) => p === row.platform);
    if (!platform) continue;
    const seen = await resolvePreview(
      { platform, code: row.code, url: row.url },
      { ...preview, withImage: false },
    );
    const at = now();
    const next = observe(livenessOf(row), seen.observation, at);
    await repo.saveCheck(row, next, { observation: seen.observation, note: seen.note, checkedAt: at });
    checked.push({ platform, code: row.code, state: next.state, note: seen.note });
  }
  return checked;
}
