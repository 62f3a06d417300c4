/** Roles: the child-safety queues and media reveal are limited; passwords verify only when right. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { can } from "../../src/access/roles.js";
import { hashPassword, verifyPassword } from "../../src/store/repositories/user-repository.js";

test("who may do what", () => {
  assert.equal(can("reviewer", "cases.decide"), true);
  assert.equal(can("reviewer", "cases.decide_child_safety"), false);
  assert.equal(can("reviewer", "media.reveal"), false);
  assert.equal(can("child_safety_reviewer", "media.reveal"), true);
  assert.equal(can("analyst", "cases.decide"), false);
  assert.equal(can("law_enforcement_liaison", "evidence.export"), true);
  assert.equal(can("admin", "users.manage"), true);
});

test("scrypt passwords", async () => {
  const stored = await hashPassword("correct horse battery");
  assert.ok(stored.startsWith("scrypt$"));
  assert.equal(await verifyPassword("correct horse battery", stored), true);
  assert.equal(await verifyPassword("wrong horse battery", stored), false);
  assert.equal(await verifyPassword("x", "garbage"), false);
});
