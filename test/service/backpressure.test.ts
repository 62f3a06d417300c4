/**
 * Backpressure in the embedded mode: with --max-lag 1, a batch accepted while
 * another is undecided is refused whole with 429 LagLimitReached and
 * Retry-After, nothing of it is stored, and once the workers catch up the
 * same batch is accepted. Everything acknowledged is decided once.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { RunningServer } from "../../src/app/start.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

let running: TestServer;
let server: RunningServer;
let key: string;

before(async () => {
  running = await startTestServer({ maxLag: 1 });
  server = running.server;
  key = (await server.ctx.repos.apiKeys.create("platform", ["events:write", "cases:read"])).key;
});

after(async () => {
  await running.close();
});

function batch(prefix: string, n: number) {
  return {
    events: Array.from({ length: n }, (_, i) => ({
      id: `${prefix}-${i}`,
      type: "group.updated",
      occurred_at: "2026-11-22T10:00:00Z",
      platform: "whatsapp",
      group: { id: `g-${i % 7}`, name: `group ${i}` },
    })),
  };
}

async function post(body: unknown) {
  const res = await fetch(`${server.url}/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return {
    status: res.status,
    retryAfter: res.headers.get("retry-after"),
    json: (await res.json()) as Record<string, unknown>,
  };
}

test("over the lag limit: 429 LagLimitReached with Retry-After, nothing stored; accepted again once decided", async () => {
  const first = await post(batch("a", 50));
  assert.equal(first.status, 202);
  const refused = await post(batch("b", 50));
  assert.equal(refused.status, 429);
  assert.equal(refused.json.error, "LagLimitReached");
  assert.match(String(refused.json.message), /limit 1/);
  const seconds = Number(refused.retryAfter);
  assert.ok(Number.isInteger(seconds) && seconds >= 1 && seconds <= 60, `Retry-After ${refused.retryAfter}`);
  assert.equal(await server.ctx.repos.events.find("whatsapp", "b-0"), null, "a refused batch is not stored");

  await server.ctx.queue.drained();
  let second = refused;
  for (let tries = 0; second.status === 429 && tries < 50; tries++) {
    await new Promise((r) => setTimeout(r, 100));
    second = await post(batch("b", 50));
  }
  assert.equal(second.status, 202, "accepted once the workers caught up");
  await server.ctx.queue.drained();
  const counts = await server.ctx.repos.events.countByStatus();
  assert.deepEqual(counts, { decided: 100 }, "everything acknowledged is decided");

  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  assert.match(metrics, /vigil_events_received_total\{outcome="refused"\} [1-9]/);
  assert.match(metrics, /vigil_lag_events /);
});

test("OpenAPI documents the 429", async () => {
  const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
    paths: Record<string, { post?: { responses: Record<string, unknown> } }>;
  };
  assert.ok(doc.paths["/v1/events"].post?.responses["429"]);
});
