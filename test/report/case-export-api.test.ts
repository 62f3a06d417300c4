/**
 * POST /v1/cases/:id/export: admins and law-enforcement liaisons get a signed
 * package written on the server (it verifies); reviewers are refused by role;
 * an unknown case is NotFound; the export is audited under the user.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { verifyPackage } from "../../src/report/handover/verify-package.js";
import { signIn } from "../console/console-client.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { type SeededCase, seedEvidenceCase } from "./evidence-fixture.js";

let running: TestServer;
let seeded: SeededCase;

before(async () => {
  running = await startTestServer();
  const { ctx } = running.server;
  seeded = await seedEvidenceCase(ctx.database.db, ctx.vault, ctx.config.dataDir);
  await ctx.repos.users.create("admin@example.org", "admin", "", "correct horse 1");
  await ctx.repos.users.create("liaison@example.org", "law_enforcement_liaison", "", "correct horse 2");
  await ctx.repos.users.create("reviewer@example.org", "reviewer", "", "correct horse 3");
});
after(async () => {
  await running.close();
});

test("a law-enforcement liaison exports a case; the package verifies and the export is audited", async () => {
  const liaison = await signIn(running.server.url, "liaison@example.org", "correct horse 2");
  const { status, json } = await liaison.call("POST", `/v1/cases/${seeded.caseId}/export`);
  assert.equal(status, 201, JSON.stringify(json));
  assert.equal(json.case_id, seeded.caseId);
  assert.match(String(json.key_fingerprint), /^SHA256:[0-9a-f]{64}$/);
  const report = await verifyPackage(String(json.package));
  assert.equal(report.ok, true, JSON.stringify(report.problems));
  assert.equal(report.filesChecked, json.files);
  const audit = await running.server.ctx.repos.audit.list({ action: "case.export", limit: 5 });
  assert.equal(audit[0].actor, "user:liaison@example.org");
  assert.equal(audit[0].detail.role, "law_enforcement_liaison");
  assert.equal(audit[0].detail.manifest_sha256, json.manifest_sha256);
  assert.equal(
    audit[0].detail.phones_revealed,
    1,
    "the decrypted phone numbers are counted in the audit log",
  );
  assert.equal(audit[0].detail.accounts, 3);
});

test("an admin may export; a reviewer is refused by role; an unknown case is NotFound", async () => {
  const admin = await signIn(running.server.url, "admin@example.org", "correct horse 1");
  assert.equal((await admin.call("POST", `/v1/cases/${seeded.otherCaseId}/export`)).status, 201);
  const missing = await admin.call("POST", "/v1/cases/999999/export");
  assert.equal(missing.status, 404);
  assert.equal(missing.json.error, "NotFound");
  const bad = await admin.call("POST", "/v1/cases/not-a-number/export");
  assert.equal(bad.status, 400);
  const reviewer = await signIn(running.server.url, "reviewer@example.org", "correct horse 3");
  const refused = await reviewer.call("POST", `/v1/cases/${seeded.caseId}/export`);
  assert.equal(refused.status, 403);
  assert.equal(refused.json.error, "ForbiddenRole");
});
