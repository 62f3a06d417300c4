/** The photos an event carries, by the field name rules and signals use. */

import type { PlatformEvent } from "../domain/event-schema.js";
import type { MediaField } from "../domain/events.js";
import type { Photo } from "../domain/photo-schema.js";

export interface EventPhoto {
  field: MediaField;
  photo: Photo;
}

export function photosOfEvent(event: PlatformEvent): EventPhoto[] {
  const photos: EventPhoto[] = [];
  if ("group" in event && event.group?.photo) photos.push({ field: "group.photo", photo: event.group.photo });
  if ("account" in event && event.account.photo)
    photos.push({ field: "account.photo", photo: event.account.photo });
  if (event.type === "report.created") {
    for (const mediaId of event.report.attachments ?? []) {
      photos.push({ field: "report.attachment", photo: { media_id: mediaId } });
    }
    if (event.report.subject.type === "media") {
      photos.push({ field: "media", photo: { media_id: event.report.subject.id } });
    }
  }
  return photos;
}
