/**
 * Which subject types an event of each type can be about (as intake's
 * subjectOfEvent decides; test/rules/event-subjects.test.ts holds them
 * together). A report can be about anything.
 */
import type { EventType } from "../domain/events.js";
import { SUBJECT_TYPES, type SubjectType } from "../domain/subjects.js";

export const EVENT_SUBJECT_TYPES: Record<EventType, readonly SubjectType[]> = {
  "group.created": ["group"],
  "group.updated": ["group"],
  "group.member_joined": ["group"],
  "group.member_left": ["group"],
  "account.updated": ["account"],
  "invite_link.created": ["invite_link"],
  "invite_link.revoked": ["invite_link"],
  "invite_link.discovered": ["invite_link"],
  "report.created": SUBJECT_TYPES,
};
