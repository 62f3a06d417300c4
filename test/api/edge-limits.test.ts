/** The API edge's pure parts, on an injected clock: rate buckets, address keys, log and audit limits, the text check. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { LogLineLimiter } from "../../src/api/error-log.js";
import { addressKey, RateLimiter } from "../../src/api/rate-limiter.js";
import { RefusalAudit } from "../../src/api/refusal-audit.js";
import { findUnstorable, MAX_JSON_DEPTH } from "../../src/domain/storable-text.js";
import type { AuditEntry, AuditRepository } from "../../src/store/repositories/audit-repository.js";

test("a minute's allowance may be spent at once, then refills continuously; Retry-After says when", () => {
  let now = 0;
  const limiter = new RateLimiter(60, () => now);
  for (let i = 0; i < 60; i++) assert.deepEqual(limiter.take("k"), { ok: true });
  assert.deepEqual(limiter.take("k"), { ok: false, retryAfterSeconds: 1 });
  assert.deepEqual(limiter.take("other"), { ok: true }, "each key has its own bucket");
  now += 1_000;
  assert.deepEqual(limiter.take("k"), { ok: true });
  assert.equal(new RateLimiter(0).take("k").ok, true, "0 turns the limit off");
});

test("addresses are limited as IPv4 addresses and IPv6 /64 networks", () => {
  assert.equal(addressKey("203.0.113.9"), "203.0.113.9");
  assert.equal(addressKey("::ffff:203.0.113.9"), "203.0.113.9");
  assert.equal(addressKey("2001:db8::1"), addressKey("2001:db8:0:0:ffff::2"));
  assert.notEqual(addressKey("2001:db8::1"), addressKey("2001:db8:0:1::1"));
});

test("identical log lines: a few per window, then one saying how many were left out", () => {
  let now = 0;
  const limiter = new LogLineLimiter(2, 60_000, () => now);
  assert.deepEqual(limiter.admit("x"), { suppressed: 0 });
  assert.deepEqual(limiter.admit("x"), { suppressed: 0 });
  assert.equal(limiter.admit("x"), null);
  assert.equal(limiter.admit("x"), null);
  assert.deepEqual(limiter.admit("y"), { suppressed: 0 });
  now += 60_000;
  assert.deepEqual(limiter.admit("x"), { suppressed: 2 });
});

test("refusal audit rows: a few per source a minute and a total, the next row counts what was left out", async () => {
  const rows: AuditEntry[] = [];
  const audit = { append: async (entry: AuditEntry) => void rows.push(entry) } as unknown as AuditRepository;
  let now = 0;
  const refusals = new RefusalAudit(audit, { perSourcePerMinute: 2, totalPerMinute: 3 }, () => now);
  const refusal = (address: string) => ({
    address,
    method: "POST",
    route: "/v1/events",
    status: 401,
    error: "Unauthorized",
  });
  for (let i = 0; i < 5; i++) await refusals.record(refusal("198.51.100.1"));
  await refusals.record(refusal("198.51.100.2"));
  await refusals.record(refusal("198.51.100.3"));
  assert.deepEqual(
    rows.map((r) => r.actor),
    ["address:198.51.100.1", "address:198.51.100.1", "address:198.51.100.2"],
  );
  now += 60_000;
  await refusals.record(refusal("198.51.100.1"));
  assert.equal(rows.at(-1)?.detail?.suppressed_before, 3);
});

test("the text check finds NUL, lone surrogates (not pairs) and depth, iteratively", () => {
  assert.equal(findUnstorable({ a: ["ok", "😀", "é"] }, "body"), null);
  assert.deepEqual(findUnstorable({ a: ["ok", "x\u0000"] }, "body"), { reason: "nul", path: "body.a.1" });
  assert.deepEqual(findUnstorable({ "\ud83d": 1 }, "q"), { reason: "lone_surrogate", path: "q.\ufffd" });
  assert.equal(findUnstorable("\ude00\ud83d", "s")?.reason, "lone_surrogate", "a reversed pair");
  let deep: unknown = 1;
  for (let i = 0; i < 1_000_000; i++) deep = [deep];
  assert.equal(findUnstorable(deep, "body")?.reason, "too_deep");
  let honest: unknown = 1;
  for (let i = 0; i < MAX_JSON_DEPTH; i++) honest = { a: honest };
  assert.equal(findUnstorable(honest, "body"), null);
});
