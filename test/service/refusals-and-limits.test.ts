/**
 * Issue 17, finding 10 and "Limits": refused attempts (401, 403) are written to
 * the audit log under who or where they came from, a few rows a minute per
 * source so a flood cannot fill the log (the rest are counted in /metrics);
 * requests per API key and per client address are limited with 429
 * TooManyRequests and Retry-After.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createConsoleUsers, signIn } from "../console/console-client.js";
import { startTestServer } from "../support/test-server.js";

const PASSWORD = "correct horse battery staple";

test("401 and 403 are audited as access.refused with the actor or address; a flood writes a bounded number of rows", async () => {
  const running = await startTestServer();
  const { server } = running;
  try {
    const reader = (await server.ctx.repos.apiKeys.create("reader", ["cases:read"])).key;
    await createConsoleUsers(server, [["rev@example.org", "reviewer"]], PASSWORD);
    const post = (key: string) =>
      fetch(`${server.url}/v1/events?secret=1`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: "{}",
      });
    assert.equal((await post("vgl_guessed")).status, 401);
    assert.equal((await post(reader)).status, 403);
    const reviewer = await signIn(server.url, "rev@example.org", PASSWORD);
    assert.equal((await reviewer.call("GET", "/v1/console/audit")).status, 403);

    const refused = await server.ctx.repos.audit.list({ action: "access.refused", limit: 100 });
    const by = (actor: string) => refused.filter((r) => r.actor === actor);
    const [guess] = by("address:127.0.0.1");
    assert.equal(guess?.targetId, "POST /v1/events", "the route, never the URL with its query string");
    const detail = guess.detail as { status: number; error: string };
    assert.equal(detail.status, 401);
    assert.equal(detail.error, "Unauthorized");
    assert.equal((by("key:reader")[0]?.detail as { error?: string } | undefined)?.error, "MissingScope");
    assert.equal(
      (by("user:rev@example.org")[0]?.detail as { error?: string } | undefined)?.error,
      "ForbiddenRole",
    );

    for (let i = 0; i < 60; i++) assert.equal((await post(`vgl_guess_${i}`)).status, 401);
    const after = await server.ctx.repos.audit.list({
      action: "access.refused",
      actor: "address:127.0.0.1",
      limit: 1000,
    });
    assert.ok(after.length <= 10, `${after.length} audit rows for 61 refused guesses from one address`);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const counted = [
      ...metrics.matchAll(/vigil_requests_refused_total\{[^}]*status="401"[^}]*\} (\d+)/g),
    ].reduce((n, m) => n + Number(m[1]), 0);
    assert.ok(counted >= 61, `the metrics count every refusal (${counted})`);
  } finally {
    await running.close();
  }
});

test("requests per API key past the limit answer 429 TooManyRequests with Retry-After; other keys go on", async () => {
  const running = await startTestServer({ limits: { perKeyPerMinute: 3 } });
  const { server } = running;
  try {
    const a = (await server.ctx.repos.apiKeys.create("a", ["cases:read"])).key;
    const b = (await server.ctx.repos.apiKeys.create("b", ["cases:read"])).key;
    const get = (key: string) =>
      fetch(`${server.url}/v1/cases`, { headers: { authorization: `Bearer ${key}` } });
    for (let i = 0; i < 3; i++) assert.equal((await get(a)).status, 200);
    const limited = await get(a);
    assert.equal(limited.status, 429);
    assert.equal(((await limited.json()) as { error: string }).error, "TooManyRequests");
    assert.ok(Number(limited.headers.get("retry-after")) >= 1, "Retry-After in seconds");
    assert.equal((await get(b)).status, 200);
  } finally {
    await running.close();
  }
});

test("requests per client address past the limit answer 429 before authentication", async () => {
  const running = await startTestServer({ limits: { perAddressPerMinute: 4 } });
  const { server } = running;
  try {
    for (let i = 0; i < 4; i++) assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    const guess = await fetch(`${server.url}/v1/cases`, { headers: { authorization: "Bearer vgl_guess" } });
    assert.equal(guess.status, 429);
    assert.equal(((await guess.json()) as { error: string }).error, "TooManyRequests");
    assert.ok(Number(guess.headers.get("retry-after")) >= 1);
  } finally {
    await running.close();
  }
});
