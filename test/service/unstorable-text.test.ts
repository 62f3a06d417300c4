/**
 * Issue 17, findings 4 and 8, through HTTP as the attack did it: a NUL or a lone
 * surrogate anywhere (event id, name, `data` value or key, report text, reporter,
 * hotline notes, decision reason, bank metadata, query string, path parameter,
 * upload file name) is refused with 400 UnstorableText naming the path, and JSON
 * nested 5,000 deep with 400 JsonTooDeep; never a 500, and nothing of the batch
 * is stored. The store refuses the same text when something reaches it directly.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { RunningServer } from "../../src/app/start.js";
import { UnstorableTextError } from "../../src/domain/storable-text.js";
import { cases } from "../../src/store/schema.js";
import { type ConsoleClient, createConsoleUsers, signIn } from "../console/console-client.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

let running: TestServer;
let server: RunningServer;
let key: string;
let analyst: ConsoleClient;
let lead: ConsoleClient;
const PASSWORD = "correct horse battery staple";

before(async () => {
  running = await startTestServer();
  server = running.server;
  key = (
    await server.ctx.repos.apiKeys.create("platform", [
      "events:write",
      "reports:write",
      "cases:read",
      "banks:write",
      "media:write",
    ])
  ).key;
  await createConsoleUsers(
    server,
    [
      ["analyst@example.org", "analyst"],
      ["lead@example.org", "lead"],
    ],
    PASSWORD,
  );
  analyst = await signIn(server.url, "analyst@example.org", PASSWORD);
  lead = await signIn(server.url, "lead@example.org", PASSWORD);
});

after(async () => {
  await running.close();
});

interface Answer {
  status: number;
  json: { error?: string; message?: string; details?: { path?: string; code?: string }[] };
}

async function send(
  method: string,
  path: string,
  body?: string,
  contentType = "application/json",
): Promise<Answer> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { "content-type": contentType }),
    },
    body,
  });
  return { status: res.status, json: (await res.json()) as Answer["json"] };
}

function event(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    type: "group.created",
    occurred_at: "2026-11-22T10:00:00Z",
    platform: "whatsapp",
    group: { id: `g-${id}` },
    ...extra,
  };
}

const batch = (...events: unknown[]) => JSON.stringify({ events });

function assertRefused(answer: Answer, error: string, path: string): void {
  assert.equal(answer.status, 400, JSON.stringify(answer.json));
  assert.equal(answer.json.error, error);
  assert.ok(
    answer.json.details?.some((d) => d.path === path),
    `expected path ${path}: ${JSON.stringify(answer.json.details)}`,
  );
}

const BAD = [
  ["NUL", "a\u0000b"],
  ["lone high surrogate", "a\ud800b"],
  ["lone low surrogate", "\udc00"],
] as const;

for (const [label, bad] of BAD) {
  test(`a ${label} anywhere in an event refuses its whole batch with 400 UnstorableText and the path`, async () => {
    const places: [string, unknown, string][] = [
      ["id", event(`e${bad}`), "body.events.1.id"],
      ["group name", event("e-n", { group: { id: "g", name: `x${bad}` } }), "body.events.1.group.name"],
      ["data value", event("e-d", { data: { note: [1, { deep: bad }] } }), "body.events.1.data.note.1.deep"],
      // A key is shown with its unstorable characters as U+FFFD.
      [
        "data key",
        event("e-k", { data: { [`k${bad}`]: 1 } }),
        `body.events.1.data.k${bad.replace(/[\0\ud800-\udfff]/g, "\ufffd")}`,
      ],
    ];
    for (const [, badEvent, path] of places) {
      const answer = await send("POST", "/v1/events", batch(event("good-1"), badEvent, event("good-2")));
      assertRefused(answer, "UnstorableText", path);
    }
    assert.deepEqual(
      await server.ctx.repos.events.countByStatus(),
      {},
      "the good events of the batch are not stored either",
    );
  });
}

test("report text and reporter details, hotline notes, a decision reason and bank metadata are refused alike", async () => {
  const report = { platform: "whatsapp", subject: { type: "group", id: "g-1" }, reason: "csam" };
  assertRefused(
    await send("POST", "/v1/reports", JSON.stringify({ ...report, text: "call me \u0000" })),
    "UnstorableText",
    "body.text",
  );
  assertRefused(
    await send(
      "POST",
      "/v1/reports",
      JSON.stringify({ ...report, reporter: { contact: { phone: "+1\ud800" } } }),
    ),
    "UnstorableText",
    "body.reporter.contact.phone",
  );
  const hotline = await analyst.call("POST", "/v1/console/hotline-reports", {
    ...report,
    notes: "caller said \u0000",
  });
  assert.equal(hotline.status, 400, JSON.stringify(hotline.json));
  assert.equal(hotline.json.error, "UnstorableText");
  const [row] = await server.ctx.database.db
    .insert(cases)
    .values({ platform: "demo", subjectType: "group", subjectId: "g-case", queue: "default", priority: 10 })
    .returning({ id: cases.id });
  const decision = await lead.call("POST", `/v1/console/cases/${row.id}/decision`, {
    actions: [],
    reason: "dismissed \ud800",
    policy: "p",
  });
  assert.equal(decision.status, 400, JSON.stringify(decision.json));
  assert.equal(decision.json.error, "UnstorableText");
  assertRefused(
    await send(
      "POST",
      "/v1/banks/b1/entries",
      JSON.stringify({ entries: [{ signal_type: "md5", value: "0".repeat(32), source: "partner\u0000" }] }),
    ),
    "UnstorableText",
    "body.entries.0.source",
  );
  assert.deepEqual(await server.ctx.repos.events.countByStatus(), {});
  assert.equal((await server.ctx.repos.banks.list()).length, 0, "no bank was created");
});

test("a NUL in a query string or a path parameter is refused with its path, not a 500", async () => {
  assertRefused(await send("GET", "/v1/cases?queue=%00"), "UnstorableText", "query.queue");
  assertRefused(await send("GET", "/v1/events/whatsapp/e%00"), "UnstorableText", "params.id");
  // A surrogate's UTF-8 form is not UTF-8: the URL does not decode.
  const surrogate = await send("GET", "/v1/events/whatsapp/%ED%A0%80");
  assert.equal(surrogate.status, 400, JSON.stringify(surrogate.json));
  assert.equal(surrogate.json.error, "MalformedUrl");
});

test("a NUL in an upload's file name is refused before the file is stored", async () => {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array([1, 2, 3])]), "shot\u0000.png");
  const res = await fetch(`${server.url}/v1/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  const json = (await res.json()) as Answer["json"];
  assert.equal(res.status, 400, JSON.stringify(json));
  assert.equal(json.error, "UnstorableText");
});

test("JSON nested 5,000 deep in data or reporter, or 200,000 deep anywhere, is 400 JsonTooDeep before the database", async () => {
  const deep = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
  const inData = `{"events":[${JSON.stringify(event("deep-1")).slice(0, -1)},"data":${deep(5000)}}]}`;
  const answer = await send("POST", "/v1/events", inData);
  assert.equal(answer.status, 400, JSON.stringify(answer.json));
  assert.equal(answer.json.error, "JsonTooDeep");
  assert.match(answer.json.details?.[0]?.path ?? "", /^body\.events\.0\.data\.a\.a/);
  const reporter = `{"platform":"whatsapp","subject":{"type":"group","id":"g"},"reason":"r","reporter":${deep(5000)}}`;
  const report = await send("POST", "/v1/reports", reporter);
  assert.equal(report.status, 400, JSON.stringify(report.json));
  assert.equal(report.json.error, "JsonTooDeep");
  const arrays = await send("POST", "/v1/events", `{"events":${"[".repeat(200_000)}${"]".repeat(200_000)}}`);
  assert.equal(arrays.status, 400, JSON.stringify(arrays.json));
  assert.equal(arrays.json.error, "JsonTooDeep");
  assert.deepEqual(await server.ctx.repos.events.countByStatus(), {});
  // Honest nesting (a few levels in data) is still accepted.
  const fine = await send(
    "POST",
    "/v1/events",
    batch(event("ok-1", { data: { a: { b: { c: [1, "é", "😀"] } } } })),
  );
  assert.equal(fine.status, 202, JSON.stringify(fine.json));
});

test("the store refuses unstorable text itself, with the parameter's path, when something skips the API", async () => {
  await assert.rejects(
    server.ctx.repos.events.insert([
      {
        platform: "whatsapp",
        clientId: "direct-1",
        type: "group.created",
        occurredAt: new Date(),
        subjectType: "group",
        subjectId: "g",
        payload: { data: { note: "x\u0000" } },
      },
    ]),
    (error: unknown) => error instanceof UnstorableTextError && /data\.note/.test(error.problem.path),
  );
  await assert.rejects(
    server.ctx.repos.audit.append({ actor: "cli", action: "x", targetType: "t", targetId: "id\ud800" }),
    (error: unknown) => error instanceof UnstorableTextError && error.problem.reason === "lone_surrogate",
  );
  // A literal backslash sequence is ordinary text and stays storable.
  await server.ctx.repos.audit.append({ actor: "cli", action: "x", targetType: "t", targetId: "\\u0000" });
});
