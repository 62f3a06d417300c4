/**
 * Issue 17, finding 4 (logs): a failed request writes the error's class, code
 * and code locations to the log, never the body, the query string, or what a
 * database error quotes back, and a flood of identical failures adds a bounded
 * amount of log. The failure is a real one: a route hands a caller's phone
 * number to PostgreSQL/PGlite, which refuses it and quotes it in its message.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import { z } from "zod";
import { buildApp } from "../../src/api/app.js";
import { errorLogRecord } from "../../src/api/error-log.js";
import { ROUTES } from "../../src/api/index.js";
import { defineRoute } from "../../src/api/route.js";
import { serviceLogger } from "../../src/app/log.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

const PHONE = "+15551234567";
const QUERY_PHONE = "+15557654321";
const NOTES = "caller lives at 12 Example Street ".repeat(120_000); // ~4 MB

let running: TestServer;
let app: FastifyInstance;
let url: string;
const lines: string[] = [];

const failing = defineRoute({
  method: "POST",
  url: "/v1/test/failing",
  summary: "fails inside the database with the caller's number in the error",
  scope: null,
  bodyLimit: "intake",
  body: z.object({ phone: z.string(), notes: z.string() }),
  responses: {},
  async handler(ctx, { body }) {
    await ctx.database.db.execute(sql`select ${body.phone}::int as n, ${body.notes} as notes`);
    return {};
  },
});

before(async () => {
  running = await startTestServer();
  const log = pino({ level: "info" }, { write: (line: string) => lines.push(line) });
  app = await buildApp({ ...running.server.ctx, log }, [...ROUTES, failing]);
  url = await app.listen({ host: "127.0.0.1", port: 0 });
});

after(async () => {
  await app.close();
  await running.close();
});

async function fail(notes = NOTES): Promise<{ status: number; error: string }> {
  const res = await fetch(`${url}/v1/test/failing?caller=${encodeURIComponent(QUERY_PHONE)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ phone: PHONE, notes }),
  });
  return { status: res.status, error: ((await res.json()) as { error: string }).error };
}

test("a failed 4 MB request logs one short line with the error's name and code, no body, query or quoted value", async () => {
  lines.length = 0;
  assert.deepEqual(await fail(), { status: 500, error: "Internal" });
  assert.equal(lines.length, 1, lines.join(""));
  const [line] = lines;
  assert.ok(line.length < 4096, `log line of ${line.length} bytes`);
  for (const secret of ["5551234567", "5557654321", "Example Street", "caller="]) {
    assert.ok(!line.includes(secret), `the log carries ${secret}: ${line}`);
  }
  const entry = JSON.parse(line) as {
    route: string;
    status: number;
    failure: { name: string; cause?: { code?: string } };
  };
  assert.equal(entry.route, "/v1/test/failing");
  assert.equal(entry.status, 500);
  assert.match(
    entry.failure.cause?.code ?? "",
    /^22[0-9A-Z]{3}$/,
    "PostgreSQL's SQLSTATE (a data exception) is kept",
  );
});

test("a flood of identical failures adds a bounded amount of log", async () => {
  lines.length = 0;
  for (let i = 0; i < 40; i++) assert.equal((await fail("short")).status, 500);
  const bytes = lines.reduce((n, l) => n + l.length, 0);
  assert.ok(lines.length <= 10, `${lines.length} lines for 40 identical failures`);
  assert.ok(bytes < 40 * 1024, `${bytes} bytes of log for 40 failed requests`);
});

test("the service logger censors payloads, phone numbers, bodies and credentials wherever a log call puts them", () => {
  const out: string[] = [];
  const log = serviceLogger("info", { write: (line: string) => out.push(line) });
  log.info(
    {
      payload: { phone: PHONE },
      event: { payload: { account: { phone: PHONE } }, body: "x" },
      headers: { authorization: "Bearer vgl_secret" },
      query: { caller: QUERY_PHONE },
    },
    "event stored",
  );
  const dbError = Object.assign(new Error(`invalid input syntax for type integer: "${PHONE}"`), {
    code: "22P02",
    severity: "ERROR",
    detail: `Key (phone)=(${PHONE})`,
  });
  log.error({ err: dbError }, "write failed");
  const text = out.join("");
  for (const secret of ["5551234567", "5557654321", "vgl_secret"]) assert.ok(!text.includes(secret), text);
  assert.match(text, /22P02/);
});

test("an error's log record keeps the name, code and code locations, and drops database messages", () => {
  const plain = errorLogRecord(new TypeError("x is undefined"));
  assert.equal(plain.name, "TypeError");
  assert.equal(plain.message, "x is undefined");
  assert.ok(plain.stack?.every((frame) => frame.startsWith("at ")));
  const db = errorLogRecord(
    Object.assign(new Error(`duplicate key value "${PHONE}"`), { code: "23505", where: PHONE }),
  );
  assert.deepEqual(Object.keys(db).sort(), ["code", "name", "stack"]);
  const long = errorLogRecord(new Error("y".repeat(100_000)));
  assert.ok((long.message ?? "").length <= 201);
});
