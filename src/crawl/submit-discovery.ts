/**
 * For one new invite: resolve its preview, upload the preview image, and
 * submit the `invite_link.discovered` event. A failed upload still submits the
 * event (name and description are signals too), saying so in the result.
 */
import { discoveredEvent } from "./discovered-event.js";
import type { FoundInvite } from "./listing.js";
import { type PreviewOptions, resolvePreview } from "./preview/resolve-preview.js";
import type { ServiceClient } from "./service-client.js";

export interface DiscoveryResult {
  eventId: string;
  status: string;
  observation: string;
  mediaId?: string;
  note: string;
}

export async function submitDiscovery(
  invite: FoundInvite,
  preview: PreviewOptions,
  client: ServiceClient,
  now: () => Date = () => new Date(),
): Promise<DiscoveryResult> {
  const seen = await resolvePreview(invite, preview);
  let mediaId: string | undefined;
  let note = seen.note;
  if (seen.image) {
    try {
      mediaId = await client.uploadMedia(seen.image.bytes, seen.image.contentType);
    } catch (error) {
      note = `${note}; image upload failed (${error instanceof Error ? error.message : String(error)})`;
    }
  }
  const event = discoveredEvent(invite, seen, mediaId, now());
  const [result] = await client.submitEvents([event]);
  return {
    eventId: event.id,
    status: result?.status ?? "unknown",
    observation: seen.observation,
    mediaId,
    note,
  };
}
