/** What rules see of an event (src/domain/decisions.ts DecisionInput), given its signals and known admins. */
import type { DecisionInput } from "../domain/decisions.js";
import type { PlatformEvent } from "../domain/event-schema.js";
import type { Signal } from "../domain/signals.js";
import { subjectOfEvent } from "../intake/subject-of-event.js";

export function decisionInput(event: PlatformEvent, signals: Signal[], knownAdmins: string[]): DecisionInput {
  const input: DecisionInput = {
    eventType: event.type,
    platform: event.platform,
    subject: subjectOfEvent(event),
    signals,
  };
  if ("group" in event && event.group) {
    const admins = new Set([...knownAdmins, ...(event.group.admins ?? [])]);
    if (event.type === "group.member_joined" && event.membership?.role === "admin")
      admins.add(event.account.id);
    input.group = {
      id: event.group.id,
      name: event.group.name,
      description: event.group.description,
      admins: [...admins].sort(),
    };
  }
  if ("account" in event) input.account = { id: event.account.id, name: event.account.name };
  if (event.type === "invite_link.created" || event.type === "invite_link.revoked") {
    input.inviteLink = { id: event.invite_link.code, url: event.invite_link.url };
  }
  return input;
}
