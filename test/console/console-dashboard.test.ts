/**
 * The dashboard's aggregate on a seeded dataset whose figures are worked out
 * by hand, on PGlite and PostgreSQL: everything inside the period counts,
 * nothing outside it does; and the CSV carries the same figures.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { dashboardCsv, dashboardPeriod, dashboardView } from "../../src/api/console-dashboard.js";
import { ApiError } from "../../src/api/errors.js";
import { openDatabase } from "../../src/store/database.js";
import { DashboardRepository } from "../../src/store/repositories/dashboard-repository.js";
import { actions, cases, events, moderationEvents, reports } from "../../src/store/schema.js";
import { databaseKinds } from "../support/databases.js";

const at = (s: string) => new Date(`2026-01-0${s}Z`);
const PERIOD = { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-01-08T00:00:00Z") };

for (const kind of databaseKinds) {
  test(`dashboard figures on a seeded dataset (${kind.label})`, { skip: kind.skip }, async () => {
    const target = await kind.make();
    const database = await openDatabase(target.options);
    try {
      const db = database.db;
      const event = (n: number, receivedAt: Date) => ({
        platform: "demo",
        clientId: `e${n}`,
        type: "group.created" as const,
        occurredAt: receivedAt,
        receivedAt,
        subjectType: "group" as const,
        subjectId: `g${n}`,
        payload: {},
      });
      await db
        .insert(events)
        .values([event(1, at("2T10:00:00")), event(2, at("2T11:00:00")), event(3, at("3T10:00:00"))]);
      await db.insert(events).values(event(4, new Date("2025-12-31T10:00:00Z")));
      const kase = (subjectId: string, queue: string, createdAt: Date) => ({
        platform: "demo",
        subjectType: "group" as const,
        subjectId,
        queue,
        priority: 50,
        status: "closed" as const,
        createdAt,
      });
      const [c1, c2, c3, c4] = await db
        .insert(cases)
        .values([
          kase("g1", "spam", at("2T00:00:00")),
          kase("g2", "spam", at("2T00:00:00")),
          kase("g3", "ncmec", at("3T00:00:00")),
          kase("g4", "spam", new Date("2025-12-30T00:00:00Z")),
        ])
        .returning({ id: cases.id });
      const logged = (
        caseId: number | null,
        kindOf: "decide" | "close",
        actor: string,
        createdAt: Date,
        detail = {},
      ) => ({
        caseId,
        platform: "demo",
        subjectType: "group" as const,
        subjectId: "g",
        kind: kindOf,
        actor,
        detail,
        createdAt,
      });
      await db.insert(moderationEvents).values([
        logged(c1.id, "decide", "user:a", at("2T01:00:00")), // 3,600 s
        logged(c2.id, "decide", "user:b", at("2T03:00:00")), // 10,800 s
        logged(c4.id, "decide", "user:a", at("4T00:00:00")), // 432,000 s (case from before the period)
        logged(c3.id, "close", "system", at("3T05:00:00")),
        logged(null, "decide", "rule:r@1", at("2T10:00:00"), { decision: "act" }),
        logged(null, "decide", "system", at("2T11:00:00"), { decision: "review" }),
        logged(c1.id, "decide", "user:a", new Date("2026-01-09T00:00:00Z")), // after the period
      ]);
      const action = (n: number, caseId: number | null, createdAt: Date) => ({
        publicId: `act${n}`,
        platform: "demo",
        action: "disable_group" as const,
        subjectType: "group" as const,
        subjectId: "g",
        caseId,
        reason: "r",
        idempotencyKey: `k${n}`,
        createdAt,
      });
      await db
        .insert(actions)
        .values([action(1, null, at("2T10:00:00")), action(2, c1.id, at("2T01:00:00"))]);
      const report = (n: number, source: "user" | "hotline" | "partner", createdAt: Date) => ({
        publicId: `r${n}`,
        platform: "demo",
        source,
        subjectType: "group" as const,
        subjectId: "g",
        reason: "r",
        createdAt,
      });
      await db
        .insert(reports)
        .values([
          report(1, "user", at("2T00:00:00")),
          report(2, "user", at("5T00:00:00")),
          report(3, "hotline", at("6T00:00:00")),
          report(4, "partner", new Date("2026-02-01T00:00:00Z")),
        ]);

      const figures = await new DashboardRepository(db).figures(PERIOD);
      assert.deepEqual(figures.totals, {
        eventsIn: 3,
        casesOpened: 3,
        casesClosed: 4,
        automaticDecisions: 1,
        humanDecisions: 3,
        medianSecondsToAction: 10800,
      });
      assert.deepEqual(figures.days, [
        { day: "2026-01-02", eventsIn: 2, casesOpened: 2, casesClosed: 2 },
        { day: "2026-01-03", eventsIn: 1, casesOpened: 1, casesClosed: 1 },
        { day: "2026-01-04", eventsIn: 0, casesOpened: 0, casesClosed: 1 },
      ]);
      assert.deepEqual(figures.actionsByType, [{ action: "disable_group", automatic: 1, human: 1 }]);
      assert.deepEqual(figures.reportsBySource, [
        { source: "user", count: 2 },
        { source: "hotline", count: 1 },
      ]);
      assert.deepEqual(figures.queues, [
        { queue: "ncmec", opened: 1, closed: 0, medianSecondsToAction: null },
        { queue: "spam", opened: 2, closed: 3, medianSecondsToAction: 10800 },
      ]);
      assert.deepEqual(figures.reviewers, [
        { reviewer: "user:a", decisions: 2, medianSecondsToAction: 217800 },
        { reviewer: "user:b", decisions: 1, medianSecondsToAction: 10800 },
      ]);
      const csv = dashboardCsv(dashboardView(PERIOD, figures));
      assert.match(csv, /^section,key,metric,value\r\n/);
      assert.match(csv, /\r\ntotals,,median_seconds_to_action,10800\r\n/);
      assert.match(csv, /\r\nreviewer,user:a,decisions,2\r\n/);
      assert.match(csv, /\r\nqueue,ncmec,median_seconds_to_action,\r\n/);
    } finally {
      await database.close();
      await target.dispose();
    }
  });
}

test("the dashboard period: last 7 days by default; reversed or over a year is a named error; CSV cells cannot be formulas", () => {
  const now = Date.parse("2026-03-10T12:00:00Z");
  const p = dashboardPeriod({}, now);
  assert.equal(p.to.toISOString(), "2026-03-10T12:00:00.000Z");
  assert.equal(p.from.toISOString(), "2026-03-03T12:00:00.000Z");
  assert.throws(
    () => dashboardPeriod({ from: "2026-03-10T00:00:00Z", to: "2026-03-01T00:00:00Z" }),
    (e: unknown) => e instanceof ApiError && e.code === "InvalidRequest",
  );
  assert.throws(
    () => dashboardPeriod({ from: "2024-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z" }),
    ApiError,
  );
  const view = dashboardView(PERIOD, {
    totals: {
      eventsIn: 0,
      casesOpened: 0,
      casesClosed: 0,
      automaticDecisions: 0,
      humanDecisions: 0,
      medianSecondsToAction: null,
    },
    days: [],
    actionsByType: [],
    reportsBySource: [],
    queues: [],
    reviewers: [{ reviewer: '=HYPERLINK("x")', decisions: 1, medianSecondsToAction: 5 }],
  });
  assert.match(dashboardCsv(view), /\r\nreviewer,"'=HYPERLINK\(""x""\)",decisions,1\r\n/);
});
