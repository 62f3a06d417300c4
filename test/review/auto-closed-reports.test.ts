/**
 * A rule may close reports automatically only when an operator marked it
 * automatic, and never silently (issue 16): the report still gets a case,
 * opened and closed at once, counted and listed by GET /v1/reports/auto-closed;
 * a child-safety report is never closed by a rule.
 */
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { parseRuleSetText } from "../../src/rules/index.js";
import { repoRoot } from "../support/paths.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { api } from "../support/vigil-process.js";

const CLOSE = {
  name: "close-test-platform-spam",
  version: 1,
  mode: "live",
  automatic: true,
  when: {
    kind: "all",
    conditions: [
      { kind: "event_type", in: ["report.created"] },
      { kind: "platform", in: ["spamnet"] },
    ],
  },
  // biome-ignore lint/suspicious/noThenProperty: `then` is the rule language's outcome field (rules/README.md).
  then: { close_reports: { reason: "reports from the spamnet test platform" } },
};

let running: TestServer;
let key: string;

before(async () => {
  const rules = JSON.parse(await readFile(join(repoRoot, "rules", "default.json"), "utf8")) as {
    rules: unknown[];
  };
  rules.rules.push(CLOSE);
  const probe = await startTestServer();
  const file = join(probe.target.options.dataDir, "..", `rules-${process.pid}.json`);
  await probe.close();
  await writeFile(file, JSON.stringify(rules));
  running = await startTestServer({ rulesFile: file });
  key = (await running.server.ctx.repos.apiKeys.create("t", ["reports:write", "events:write", "cases:read"]))
    .key;
});
after(() => running.close());

async function decided(id: string): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const { json } = await api(running.server.url, key, "GET", `/v1/events/spamnet/${id}`);
    if (json.status === "decided") return String(json.decision);
    await new Promise((r) => setTimeout(r, 25));
  }
  const { json } = await api(running.server.url, key, "GET", `/v1/events/spamnet/${id}`);
  throw new Error(`${id} not decided: ${JSON.stringify(json)}`);
}

test("close_reports without automatic is refused when the rule set loads", () => {
  const { automatic: _, ...unsafe } = CLOSE;
  assert.throws(
    () => parseRuleSetText(JSON.stringify({ rules: [unsafe] }), "x.json"),
    /close_reports[\s\S]*automatic/,
  );
});

test("a report a rule closes still has a case, closed, counted and listed; child safety is never closed", async () => {
  for (const [id, reason] of [
    ["s-1", "spam"],
    ["s-2", "child_safety"],
  ]) {
    const res = await api(running.server.url, key, "POST", "/v1/reports", {
      platform: "spamnet",
      id,
      subject: { type: "account", id: `acc-${id}` },
      reason,
    });
    assert.equal(res.status, 202);
    assert.equal(await decided(id), "review");
  }
  const { json } = await api(running.server.url, key, "GET", "/v1/cases?limit=50");
  const cases = json.cases as { subject: { id: string }; status: string; queue: string }[];
  const closed = cases.find((c) => c.subject.id === "acc-s-1");
  assert.equal(closed?.status, "closed");
  assert.equal(closed?.queue, "reports");
  const open = cases.find((c) => c.subject.id === "acc-s-2");
  assert.deepEqual([open?.status, open?.queue], ["open", "child-safety"]);
  const listed = await api(running.server.url, key, "GET", "/v1/reports/auto-closed");
  assert.equal(listed.status, 200, JSON.stringify(listed.json));
  assert.equal(listed.json.total, 1);
  assert.deepEqual(listed.json.by_rule, [{ rule: "rule:close-test-platform-spam@1", count: 1 }]);
  const [row] = listed.json.reports as { report_id: string; rule_reason: string }[];
  assert.equal(row.report_id, "spamnet/s-1");
  assert.equal(row.rule_reason, "reports from the spamnet test platform");
});
