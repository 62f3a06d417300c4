/**
 * The cybertip_reports outbox on PGlite and PostgreSQL: the database keeps
 * one attempt active and one report finished per case and kind; a job that
 * died halfway (lease expired with a report open at NCMEC) is taken over: the
 * report is retracted and a fresh attempt runs to the end; when a retraction
 * fails, nothing is retried automatically.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { PlannedCyberTip } from "../../src/report/cybertip/build-from-case.js";
import { IspwsClient } from "../../src/report/cybertip/ispws-client.js";
import { type ReportFiled, SubmissionJob } from "../../src/report/cybertip/submission-job.js";
import { openDatabase } from "../../src/store/database.js";
import {
  CyberTipAlreadyFiledError,
  CyberTipInProgressError,
  CyberTipRepository,
} from "../../src/store/repositories/cybertip-repository.js";
import { cases } from "../../src/store/schema.js";
import { databaseKinds } from "../support/databases.js";
import { FakeCyberTipline } from "../support/fake-cybertipline.js";
import { fullReport } from "./sample-report.js";

const quiet = { info() {}, warn() {}, error() {} };

for (const kind of databaseKinds) {
  test(`${kind.label}: one active attempt, one finished report, crash takeover`, {
    skip: kind.skip,
  }, async () => {
    const target = await kind.make();
    const database = await openDatabase(target.options);
    const fake = await new FakeCyberTipline().start();
    try {
      const [kase] = await database.db
        .insert(cases)
        .values({ platform: "p", subjectType: "group", subjectId: "G-1", queue: "ncmec", priority: 100 })
        .returning();
      const repo = new CyberTipRepository(database.db);
      const request = {
        caseId: kase.id,
        kind: "initial" as const,
        requestedBy: "user:a@example.com",
        inputs: {},
      };
      const first = await repo.request(request);
      assert.equal(first.attempt, 1);
      await assert.rejects(repo.request(request), CyberTipInProgressError);

      // A job opens the report at NCMEC, uploads, and dies (its lease is what is left of it).
      const client = new IspwsClient({
        baseUrl: fake.url,
        username: fake.username,
        password: fake.password,
        timeoutMs: 2000,
      });
      const [claimed] = await repo.claimDue(new Date(), 10, 60_000);
      assert.equal((await repo.claimDue(new Date(), 10, 60_000)).length, 0, "held while the lease runs");
      const reportId = await client.submit(reportXmlOf());
      const opened = await repo.advance(claimed, "submitted", { ncmecReportId: reportId }, 1);
      // Its last step renewed the lease for 1 ms only: the job is gone.
      await repo.advance(opened, "files_uploaded", { fileIds: [] }, 1);
      await new Promise((r) => setTimeout(r, 20));

      const filed: ReportFiled[] = [];
      const plan: PlannedCyberTip = { report: fullReport(), files: [], needsChildSafetyDecision: false };
      const job = new SubmissionJob({
        reports: repo,
        plan: async () => plan,
        client,
        readBlob: async () => new Uint8Array(),
        onReportFiled: (f) => void filed.push(f),
        maxAttempts: 3,
        leaseMs: 60_000,
        retryDelayMs: 0,
        log: quiet,
      });
      await job.runDue();
      const rows = await repo.forCase(kase.id);
      assert.deepEqual(
        rows.map((r) => [r.attempt, r.state]),
        [
          [1, "retracted"],
          [2, "finished"],
        ],
      );
      assert.equal(fake.reports.get(reportId)?.state, "retracted");
      assert.equal(fake.finished().length, 1);
      assert.equal(filed.length, 1);
      assert.equal(filed[0].reportId, rows[1].ncmecReportId);
      assert.match(rows[1].xmlSha256 ?? "", /^[0-9a-f]{64}$/);
      await assert.rejects(repo.request(request), CyberTipAlreadyFiledError);
      // Even a direct second finished row is refused by the unique index.
      await assert.rejects(repo.advance({ ...rows[0], state: "fileinfo_sent" }, "finished", {}, 0));

      // A failure whose retraction also fails is not retried: NCMEC may hold the report.
      const [other] = await database.db
        .insert(cases)
        .values({ platform: "p", subjectType: "group", subjectId: "G-2", queue: "ncmec", priority: 100 })
        .returning();
      await repo.request({ ...request, caseId: other.id });
      fake.failNext("finish", { kind: "code", responseCode: 1000 });
      fake.failNext("retract", { kind: "http", status: 500 });
      await job.runDue();
      const stuck = await repo.forCase(other.id);
      assert.deepEqual(
        stuck.map((r) => [r.attempt, r.state]),
        [[1, "failed"]],
      );
      assert.match(stuck[0].error ?? "", /retract failed/);
      assert.equal(fake.reports.get(stuck[0].ncmecReportId ?? "")?.state, "open");
    } finally {
      await fake.close();
      await database.close();
      await target.dispose();
    }
  });
}

function reportXmlOf(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<report>
  <incidentSummary>
    <incidentType>Child Sex Trafficking</incidentType>
    <incidentDateTime>2025-01-15T12:30:00Z</incidentDateTime>
  </incidentSummary>
  <reporter>
    <reportingPerson>
      <email>ncmec-reports@example.com</email>
    </reportingPerson>
  </reporter>
</report>
`;
}
