/**
 * An `invite_link.discovered` event for one found link and its preview, in the
 * public event contract, so crawler findings go through the same intake,
 * signals, rules and queues as platform events. The preview's group goes in
 * `group` (og:title as name, og:description, og:image as photo) so photo
 * matching and text signals apply unchanged; when the platform shows no
 * preview, the directory's own title and description stand in, because
 * directories describe what they list. Vigil does not know the platform's id
 * for the group behind a link, so the group is named `invite:<code>`: an
 * action on it asks the platform to act on whatever group the link leads to.
 * The event id hashes what was seen, so re-crawling an unchanged link is a
 * duplicate and a changed preview is a new event.
 */
import { createHash } from "node:crypto";
import type { PlatformEvent } from "../domain/event-schema.js";
import type { FoundInvite } from "./listing.js";
import type { InvitePreview } from "./preview/resolve-preview.js";

export function groupIdForInvite(code: string): string {
  return `invite:${code}`;
}

export function discoveredEvent(
  invite: FoundInvite,
  preview: InvitePreview,
  mediaId: string | undefined,
  at: Date,
): PlatformEvent {
  const name = preview.title ?? invite.title;
  const description = preview.description ?? invite.description;
  const seen = createHash("sha256")
    .update(
      JSON.stringify([
        name,
        description,
        mediaId ? (preview.image?.bytes.length ?? 0) : 0,
        preview.observation,
      ]),
    )
    .update(preview.image?.bytes ?? Buffer.alloc(0))
    .digest("hex")
    .slice(0, 16);
  const hasGroup = name !== undefined || description !== undefined || mediaId !== undefined;
  return {
    id: `crawl:${invite.platform}:${invite.code}:${seen}`.slice(0, 200),
    type: "invite_link.discovered",
    occurred_at: at.toISOString(),
    platform: invite.platform,
    invite_link: { code: invite.code, url: invite.url },
    ...(hasGroup
      ? {
          group: {
            id: groupIdForInvite(invite.code),
            ...(name !== undefined ? { name: name.slice(0, 2000) } : {}),
            ...(description !== undefined ? { description: description.slice(0, 20000) } : {}),
            ...(mediaId !== undefined ? { photo: { media_id: mediaId } } : {}),
          },
        }
      : {}),
    discovery: {
      source: invite.source,
      found_on: invite.foundOn,
      ...(invite.category !== undefined ? { category: invite.category } : {}),
      ...(invite.title !== undefined ? { title: invite.title } : {}),
      ...(invite.description !== undefined ? { description: invite.description } : {}),
      ...(preview.memberCount !== undefined ? { member_count: preview.memberCount } : {}),
      liveness: preview.observation,
    },
  };
}
