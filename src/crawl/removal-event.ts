/**
 * A confirmed removal reported back to the service: the crawler saw the link
 * dead twice (liveness.ts), so it sends `invite_link.revoked` (an existing
 * event type, so the intake contract is unchanged) about the link and the
 * group `invite:<code>` behind it. The pipeline marks the invite link revoked
 * and writes the event into the subject's moderation log, which is where an
 * action's effect shows as confirmed. `data` says who saw it and when, and
 * how long removal took. The id is fixed per link, so a retried report is a
 * duplicate, never a second event.
 */
import type { PlatformEvent } from "../domain/event-schema.js";
import { groupIdForInvite } from "./discovered-event.js";

export interface RemovedLink {
  platform: string;
  code: string;
  url: string;
  firstSeenAt: Date;
  actionedAt: Date | null;
  removedAt: Date;
}

export function removalEventId(link: { platform: string; code: string }): string {
  return `crawl:${link.platform}:${link.code}:revoked`.slice(0, 200);
}

/** Seconds from Vigil's first action on the link (or, never actioned, its discovery) to its removal. */
export function timeToRemovalSeconds(link: Pick<RemovedLink, "firstSeenAt" | "actionedAt" | "removedAt">): {
  since: "action" | "discovery";
  seconds: number;
} {
  const since = link.actionedAt ?? link.firstSeenAt;
  return {
    since: link.actionedAt ? "action" : "discovery",
    seconds: Math.max(0, (link.removedAt.getTime() - since.getTime()) / 1000),
  };
}

export function removalEvent(link: RemovedLink): PlatformEvent {
  const took = timeToRemovalSeconds(link);
  return {
    id: removalEventId(link),
    type: "invite_link.revoked",
    occurred_at: link.removedAt.toISOString(),
    platform: link.platform,
    invite_link: { code: link.code, url: link.url, group_id: groupIdForInvite(link.code) },
    data: {
      reported_by: "crawler",
      liveness: "revoked",
      first_seen_at: link.firstSeenAt.toISOString(),
      actioned_at: link.actionedAt?.toISOString() ?? null,
      removed_at: link.removedAt.toISOString(),
      time_to_removal_seconds: Math.round(took.seconds),
      time_to_removal_since: took.since,
    },
  };
}
