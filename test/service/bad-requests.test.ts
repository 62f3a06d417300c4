/** Every bad request is a clear 4xx with a machine-readable `error`, and nothing is stored. */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { RunningServer } from "../../src/app/start.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

let running: TestServer;
let server: RunningServer;
let writer: string;
let reader: string;

before(async () => {
  running = await startTestServer({ bodyLimitBytes: 256 * 1024 });
  server = running.server;
  writer = (await server.ctx.repos.apiKeys.create("writer", ["events:write", "cases:read"])).key;
  reader = (await server.ctx.repos.apiKeys.create("reader", ["cases:read"])).key;
});

after(async () => {
  await running.close();
});

async function post(body: string, key = writer, contentType = "application/json") {
  const res = await fetch(`${server.url}/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": contentType },
    body,
  });
  return {
    status: res.status,
    json: (await res.json()) as { error: string; message: string; details?: { path: string }[] },
  };
}

const valid = {
  id: "e-1",
  type: "group.created",
  occurred_at: "2026-11-22T10:00:00Z",
  platform: "whatsapp",
  group: { id: "g-1" },
};

const CASES: {
  name: string;
  run: () => ReturnType<typeof post>;
  status: number;
  error: string;
  path?: string;
}[] = [
  { name: "malformed JSON", run: () => post('{"events":[{'), status: 400, error: "MalformedJson" },
  { name: "empty body", run: () => post(""), status: 400, error: "MalformedJson" },
  { name: "not a batch", run: () => post(JSON.stringify(valid)), status: 400, error: "InvalidRequest" },
  {
    name: "unknown event type",
    run: () => post(JSON.stringify({ events: [valid, { ...valid, id: "e-2", type: "group.exploded" }] })),
    status: 400,
    error: "UnknownEventType",
    path: "events.1.type",
  },
  {
    name: "missing subject",
    run: () => post(JSON.stringify({ events: [{ ...valid, group: undefined }] })),
    status: 400,
    error: "InvalidEvent",
    path: "events.0.group",
  },
  {
    name: "missing occurred_at",
    run: () => post(JSON.stringify({ events: [{ ...valid, occurred_at: undefined }] })),
    status: 400,
    error: "InvalidEvent",
    path: "events.0.occurred_at",
  },
  {
    name: "bad PDQ hex",
    run: () => post(JSON.stringify({ events: [{ ...valid, group: { id: "g", photo: { pdq: "zz" } } }] })),
    status: 400,
    error: "InvalidEvent",
  },
  {
    name: "unexpected field",
    run: () => post(JSON.stringify({ events: [{ ...valid, surprise: 1 }] })),
    status: 400,
    error: "InvalidEvent",
  },
  {
    name: "a lone-surrogate platform name",
    run: () => post(JSON.stringify({ events: [{ ...valid, platform: "\ud800" }] })),
    status: 400,
    error: "UnstorableText",
    path: "body.events.0.platform",
  },
  {
    name: "oversized body",
    run: () =>
      post(JSON.stringify({ events: [{ ...valid, group: { id: "g", name: "x".repeat(300 * 1024) } }] })),
    status: 413,
    error: "PayloadTooLarge",
  },
  {
    name: "wrong content type",
    run: () => post("events=1", writer, "application/x-www-form-urlencoded"),
    status: 415,
    error: "UnsupportedMediaType",
  },
  {
    name: "wrong API key",
    run: () => post(JSON.stringify({ events: [valid] }), "vgl_not-a-key"),
    status: 401,
    error: "Unauthorized",
  },
  {
    name: "no API key",
    run: () => post(JSON.stringify({ events: [valid] }), ""),
    status: 401,
    error: "Unauthorized",
  },
  {
    name: "key without the scope",
    run: () => post(JSON.stringify({ events: [valid] }), reader),
    status: 403,
    error: "MissingScope",
  },
];

for (const c of CASES) {
  test(`${c.name}: ${c.status} ${c.error}, nothing stored`, async () => {
    const { status, json } = await c.run();
    assert.equal(status, c.status, JSON.stringify(json));
    assert.equal(json.error, c.error);
    assert.ok(json.message.length > 0);
    if (c.path)
      assert.ok(
        json.details?.some((d) => d.path === c.path),
        JSON.stringify(json.details),
      );
    assert.deepEqual(await server.ctx.repos.events.countByStatus(), {});
  });
}

test("unknown routes and cases answer NotFound in the same shape", async () => {
  const res = await fetch(`${server.url}/v1/cases/999`, { headers: { authorization: `Bearer ${writer}` } });
  assert.equal(res.status, 404);
  assert.equal(((await res.json()) as { error: string }).error, "NotFound");
});

test("the OpenAPI document lists every route", async () => {
  const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
    paths: Record<string, unknown>;
  };
  for (const path of [
    "/v1/events",
    "/v1/reports",
    "/v1/cases",
    "/v1/cases/{id}/claim",
    "/v1/cases/{id}/decision",
  ]) {
    assert.ok(doc.paths[path], `${path} missing from /openapi.json`);
  }
});

test("/readyz answers ready and /metrics speaks Prometheus", async () => {
  assert.deepEqual(await (await fetch(`${server.url}/readyz`)).json(), { status: "ready" });
  const res = await fetch(`${server.url}/metrics`);
  assert.match(res.headers.get("content-type") ?? "", /text\/plain/);
  const text = await res.text();
  for (const name of [
    "vigil_events_received_total",
    "vigil_decisions_total",
    "vigil_decision_latency_seconds_bucket",
    "vigil_queue_depth",
    "vigil_webhook_failing",
  ]) {
    assert.ok(text.includes(name), `${name} missing`);
  }
});
