/** Which subject an event is about: what cases, signals and actions attach to. */

import type { PlatformEvent } from "../domain/event-schema.js";
import type { SubjectRef } from "../domain/subjects.js";

export function subjectOfEvent(event: PlatformEvent): SubjectRef {
  switch (event.type) {
    case "group.created":
    case "group.updated":
    case "group.member_joined":
    case "group.member_left":
      return { type: "group", id: event.group.id };
    case "account.updated":
      return { type: "account", id: event.account.id };
    case "invite_link.created":
    case "invite_link.revoked":
    case "invite_link.discovered":
      return { type: "invite_link", id: event.invite_link.code };
    case "report.created":
      return event.report.subject;
  }
}
