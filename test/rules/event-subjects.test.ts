/** The rules' table of subject types per event type agrees with intake's subjectOfEvent. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { PlatformEvent } from "../../src/domain/event-schema.js";
import { EVENT_TYPES } from "../../src/domain/events.js";
import { SUBJECT_TYPES } from "../../src/domain/subjects.js";
import { subjectOfEvent } from "../../src/intake/subject-of-event.js";
import { EVENT_SUBJECT_TYPES } from "../../src/rules/event-subjects.js";

const group = { id: "g-1" };
const account = { id: "u-1" };
const inviteLink = { code: "c-1" };
const bodies: Record<string, Record<string, unknown>[]> = {
  "group.created": [{ group }],
  "group.updated": [{ group }],
  "group.member_joined": [{ group, account }],
  "group.member_left": [{ group, account }],
  "account.updated": [{ account }],
  "invite_link.created": [{ invite_link: inviteLink }],
  "invite_link.revoked": [{ invite_link: inviteLink }],
  "invite_link.discovered": [
    { invite_link: inviteLink, discovery: { source: "s", found_on: "https://directory.example/" } },
  ],
  "report.created": SUBJECT_TYPES.map((type) => ({
    report: { subject: { type, id: "x-1" }, reason: "placeholder reason" },
  })),
};

test("every event type's possible subject types are the ones intake produces", () => {
  for (const type of EVENT_TYPES) {
    const produced = new Set(
      bodies[type].map((body) => {
        const event = PlatformEvent.parse({
          id: "e-1",
          type,
          occurred_at: "2026-11-22T10:00:00Z",
          platform: "whatsapp",
          ...body,
        });
        return subjectOfEvent(event).type;
      }),
    );
    assert.deepEqual([...produced].sort(), [...EVENT_SUBJECT_TYPES[type]].sort(), type);
  }
});
