/**
 * Issue 17, finding 10 (the API's edge), through HTTP as the attack did it:
 * the key is checked before the body is read; every refusal the framework or
 * Node makes is in the documented error shape; uploads take exactly one file
 * in the field `file`; the role is checked before the case's state; every
 * answer carries `X-Content-Type-Options: nosniff`.
 */
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { after, before, test } from "node:test";
import { count } from "drizzle-orm";
import { API_ERRORS } from "../../src/api/errors.js";
import type { RunningServer } from "../../src/app/start.js";
import { cases, media } from "../../src/store/schema.js";
import { createConsoleUsers, signIn } from "../console/console-client.js";
import { patternPng } from "../support/crafted-media.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

let running: TestServer;
let server: RunningServer;
let writer: string;
let png: Buffer;
const PASSWORD = "correct horse battery staple";

before(async () => {
  running = await startTestServer();
  server = running.server;
  writer = (
    await server.ctx.repos.apiKeys.create("writer", [
      "events:write",
      "media:write",
      "cases:read",
      "cases:write",
    ])
  ).key;
  await createConsoleUsers(
    server,
    [
      ["rev@example.org", "reviewer"],
      ["cs@example.org", "child_safety_reviewer"],
    ],
    PASSWORD,
  );
  png = await patternPng("rings", 96, 3);
});

after(async () => {
  await running.close();
});

/** A documented error: a known name with its status, a message, and nosniff. */
function assertDocumented(
  status: number,
  headers: Headers | Record<string, string>,
  body: string,
  name: string,
) {
  const json = JSON.parse(body) as { error: string; message: string };
  assert.equal(json.error, name, body);
  assert.equal(
    API_ERRORS[json.error as keyof typeof API_ERRORS],
    status,
    `${name} is documented as ${status}`,
  );
  assert.ok(json.message.length > 0);
  const nosniff =
    headers instanceof Headers ? headers.get("x-content-type-options") : headers["x-content-type-options"];
  assert.equal(nosniff, "nosniff");
}

/** Sends headers and the first bytes of a body announced as `bytes` long, then waits for an answer. */
function startHugeUpload(
  path: string,
  headers: Record<string, string>,
  bytes = 500 * 1024 * 1024,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-length": String(bytes),
        ...headers,
      },
    });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body });
        req.destroy();
      });
    });
    req.on("error", (error) => {
      if (!req.destroyed) reject(error);
    });
    req.write(`{"events":[${'{"id":"x"},'.repeat(100)}`);
  });
}

test("a request with a huge body and no or a wrong key is refused with 401 before its body is read", {
  timeout: 60_000,
}, async () => {
  // 500 MB (over any limit: still 401, not 413) and 8 MB (within the intake limit: answered
  // while most of the body has not been sent, so it was never waited for, read or parsed).
  for (const bytes of [500 * 1024 * 1024, 8 * 1024 * 1024]) {
    for (const headers of [{}, { authorization: "Bearer vgl_wrong" }] as Record<string, string>[]) {
      const answer = await startHugeUpload("/v1/events", headers, bytes);
      assert.equal(answer.status, 401, answer.body);
      assert.equal((JSON.parse(answer.body) as { error: string }).error, "Unauthorized");
    }
  }
  const session = await startHugeUpload("/v1/console/hotline-reports", { "x-vigil-console": "1" });
  assert.equal(session.status, 401, session.body);
});

async function raw(text: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const { port } = new URL(server.url);
  const reply = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () => socket.write(text));
    let data = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      data += chunk;
    });
    socket.on("close", () => resolve(data));
    socket.on("error", reject);
  });
  const [head, body] = reply.split("\r\n\r\n", 2);
  const [statusLine, ...headerLines] = head.split("\r\n");
  const headers = Object.fromEntries(
    headerLines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
  );
  return { status: Number(statusLine.split(" ")[1]), headers, body };
}

test("every refusal made before a route runs is in the documented error shape, with nosniff", async () => {
  const auth = { authorization: `Bearer ${writer}` };
  const json = { ...auth, "content-type": "application/json" };
  const cases: [string, string, RequestInit, number, string][] = [
    ["bad URL encoding", "/v1/events/whatsapp/%E0%A4%A", { headers: auth }, 400, "MalformedUrl"],
    ["a too-long parameter", `/v1/events/whatsapp/${"x".repeat(2000)}`, { headers: auth }, 414, "UriTooLong"],
    [
      "an unsupported content type",
      "/v1/events",
      { method: "POST", headers: { ...auth, "content-type": "text/plain" }, body: "{}" },
      415,
      "UnsupportedMediaType",
    ],
    [
      "a body over the route's limit",
      "/v1/cases/1/claim",
      { method: "POST", headers: json, body: JSON.stringify({ pad: "x".repeat(2 * 1024 * 1024) }) },
      413,
      "PayloadTooLarge",
    ],
    [
      "a sign-in body over its limit",
      "/v1/console/session",
      {
        method: "POST",
        headers: { "content-type": "application/json", "x-vigil-console": "1" },
        body: JSON.stringify({ email: "x".repeat(2 * 1024 * 1024) }),
      },
      413,
      "PayloadTooLarge",
    ],
    [
      "malformed JSON",
      "/v1/events",
      { method: "POST", headers: json, body: '{"events":[' },
      400,
      "MalformedJson",
    ],
    ["an unknown path", "/v1/nothing-here?phone=%2B15551234567", { headers: auth }, 404, "NotFound"],
    ["a wrong method", "/v1/events", { method: "DELETE", headers: auth }, 405, "MethodNotAllowed"],
  ];
  for (const [label, path, init, status, name] of cases) {
    const res = await fetch(`${server.url}${path}`, init);
    const body = await res.text();
    assert.equal(res.status, status, `${label}: ${body}`);
    assertDocumented(res.status, res.headers, body, name);
    assert.ok(!body.includes("15551234567"), `${label}: the answer echoes the query string`);
    if (name === "MethodNotAllowed") assert.equal(res.headers.get("allow"), "POST");
  }
  const bigHeaders = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: ${"a".repeat(20_000)}\r\n\r\n`);
  assert.equal(bigHeaders.status, 431);
  assertDocumented(431, bigHeaders.headers, bigHeaders.body, "HeadersTooLarge");
  const garbage = await raw("HELLO THERE\r\n\r\n");
  assert.equal(garbage.status, 400);
  assertDocumented(400, garbage.headers, garbage.body, "MalformedRequest");
});

test("every answer carries X-Content-Type-Options: nosniff", async () => {
  for (const [path, init] of [
    ["/healthz", {}],
    ["/openapi.json", {}],
    ["/metrics", {}],
    ["/console/", {}],
    ["/v1/cases", { headers: { authorization: `Bearer ${writer}` } }],
    ["/v1/cases", {}],
  ] as [string, RequestInit][]) {
    const res = await fetch(`${server.url}${path}`, init);
    await res.arrayBuffer();
    assert.equal(res.headers.get("x-content-type-options"), "nosniff", path);
  }
});

async function upload(parts: { field: string; name?: string; bytes: Buffer | string }[]) {
  const form = new FormData();
  for (const p of parts) {
    if (p.name === undefined) form.append(p.field, String(p.bytes));
    else form.append(p.field, new Blob([p.bytes]), p.name);
  }
  const res = await fetch(`${server.url}/v1/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${writer}` },
    body: form,
  });
  return { status: res.status, json: (await res.json()) as { error?: string; media_id?: string } };
}

async function mediaCount(): Promise<number> {
  const [row] = await server.ctx.database.db.select({ n: count() }).from(media);
  return Number(row.n);
}

test("an upload takes exactly one file in the field `file`; anything else is 400 InvalidUpload and nothing is stored", async () => {
  const refused: [string, Parameters<typeof upload>[0]][] = [
    ["another field name", [{ field: "photo", name: "a.png", bytes: png }]],
    [
      "a second file",
      [
        { field: "file", name: "a.png", bytes: png },
        { field: "file", name: "b.png", bytes: png },
      ],
    ],
    [
      "a second file under another name",
      [
        { field: "file", name: "a.png", bytes: png },
        { field: "extra", name: "b.png", bytes: png },
      ],
    ],
    [
      "a text field beside the file",
      [
        { field: "note", bytes: "hello" },
        { field: "file", name: "a.png", bytes: png },
      ],
    ],
    ["no file at all", [{ field: "note", bytes: "hello" }]],
  ];
  for (const [label, parts] of refused) {
    const answer = await upload(parts);
    assert.equal(answer.status, 400, `${label}: ${JSON.stringify(answer.json)}`);
    assert.equal(answer.json.error, "InvalidUpload", label);
  }
  const malformed = await fetch(`${server.url}/v1/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${writer}`, "content-type": "multipart/form-data; boundary=xyz" },
    body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nabc',
  });
  assert.equal(malformed.status, 400);
  assertDocumented(400, malformed.headers, await malformed.text(), "InvalidUpload");
  assert.equal(await mediaCount(), 0);
  const accepted = await upload([{ field: "file", name: "a.png", bytes: png }]);
  assert.equal(accepted.status, 201, JSON.stringify(accepted.json));
  assert.equal(await mediaCount(), 1);
});

test("releasing a case is refused for a role that may not open its queue (403) before any state check (409)", async () => {
  const [row] = await server.ctx.database.db
    .insert(cases)
    .values({
      platform: "demo",
      subjectType: "group",
      subjectId: "g-cs",
      queue: "child-safety",
      priority: 70,
    })
    .returning({ id: cases.id });
  const reviewer = await signIn(server.url, "rev@example.org", PASSWORD);
  const refused = await reviewer.call("POST", `/v1/console/cases/${row.id}/release`);
  assert.equal(refused.status, 403, JSON.stringify(refused.json));
  assert.equal(refused.json.error, "ForbiddenRole");
  // A role that may open the queue still learns the case is not its to release.
  const cs = await signIn(server.url, "cs@example.org", PASSWORD);
  const conflict = await cs.call("POST", `/v1/console/cases/${row.id}/release`);
  assert.equal(conflict.status, 409, JSON.stringify(conflict.json));
});
