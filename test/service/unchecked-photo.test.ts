/**
 * Issue 17, finding 9: a photo URL the address guard refused (or that failed
 * to fetch) left no trace but a log line: the event read `error: null` and its
 * case looked as if the photo had been checked. The refusal is now kept on the
 * event (GET /v1/events: notes and error) and shown on its subject's case
 * (GET /v1/cases/{id} and the console's case page: unchecked_photos).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createConsoleUsers, signIn } from "../console/console-client.js";
import { startTestServer } from "../support/test-server.js";
import { api, waitUntilDecided } from "../support/vigil-process.js";

const PASSWORD = "correct horse battery staple";

test("a refused photo URL is recorded on the event and shown on the case it opens", {
  timeout: 120_000,
}, async () => {
  const t = await startTestServer();
  try {
    const { server } = t;
    const key = (await server.ctx.repos.apiKeys.create("platform", ["events:write", "cases:read"])).key;
    const url = "http://127.0.0.1:9/photo.png";
    const event = {
      id: "refused-photo",
      type: "group.created",
      occurred_at: "2026-11-22T10:00:00Z",
      platform: "telegram",
      // The name opens a child-safety review case; the photo never gets checked.
      group: { id: "g-refused", name: "CH1LD P0RN", photo: { url } },
    };
    assert.equal((await api(server.url, key, "POST", "/v1/events", { events: [event] })).status, 202);
    const record = await waitUntilDecided(server.url, key, "telegram", "refused-photo");
    assert.equal(record.decision, "review");
    assert.match(String(record.error), /group\.photo .*UrlNotAllowed/);
    const notes = record.notes as { kind: string; field: string; url: string; code: string }[];
    assert.deepEqual(
      notes.map((n) => [n.kind, n.field, n.url, n.code]),
      [["photo_unavailable", "group.photo", url, "UrlNotAllowed"]],
    );

    const list = (await api(server.url, key, "GET", "/v1/cases?queue=child-safety")).json.cases as {
      id: number;
      subject: { id: string };
    }[];
    const opened = list.find((c) => c.subject.id === "g-refused");
    assert.ok(opened, "the name opened a case");
    const detail = (await api(server.url, key, "GET", `/v1/cases/${opened.id}`)).json;
    const unchecked = detail.unchecked_photos as { event_id: string; url: string; code: string }[];
    assert.deepEqual(
      unchecked.map((u) => [u.event_id, u.url, u.code]),
      [["refused-photo", url, "UrlNotAllowed"]],
    );

    await createConsoleUsers(server, [["cs@example.org", "child_safety_reviewer"]], PASSWORD);
    const cs = await signIn(server.url, "cs@example.org", PASSWORD);
    const page = await cs.call("GET", `/v1/console/cases/${opened.id}`);
    assert.equal(page.status, 200, JSON.stringify(page.json));
    assert.equal((page.json.unchecked_photos as { code: string }[])[0]?.code, "UrlNotAllowed");
  } finally {
    await t.close();
  }
});
