/**
 * Issue 16, point 1: every `report.created`, from every source and for every
 * reason, opens a case or joins the subject's open case; none is decided
 * `none` without a case. Child-safety reasons go to `child-safety`, the rest to
 * `reports`; many reports about one subject raise its case and are counted.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { REPORT_SOURCES } from "../../src/store/schema.js";
import { startTestServer, type TestServer } from "../support/test-server.js";
import { api } from "../support/vigil-process.js";

let running: TestServer;
let base: string;
let key: string;

before(async () => {
  running = await startTestServer();
  base = running.server.url;
  key = (await running.server.ctx.repos.apiKeys.create("t", ["reports:write", "events:write", "cases:read"]))
    .key;
});
after(() => running.close());

async function decision(id: string): Promise<string> {
  for (let i = 0; i < 400; i++) {
    const { json } = await api(base, key, "GET", `/v1/events/whatsapp/${id}`);
    if (json.status === "decided") return String(json.decision);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${id} not decided`);
}

interface CaseJson {
  id: number;
  queue: string;
  priority: number;
  status: string;
  subject: { type: string; id: string };
}

async function openCases(type: string, id: string): Promise<CaseJson[]> {
  const { json } = await api(base, key, "GET", "/v1/cases?limit=500");
  return (json.cases as CaseJson[]).filter(
    (c) => c.subject.type === type && c.subject.id === id && c.status !== "closed",
  );
}

const REASONS = {
  child_safety: "child-safety",
  csam: "child-safety",
  "Child Safety": "child-safety",
  grooming: "child-safety",
  spam: "reports",
  harassment: "reports",
  other: "reports",
  "something the platform made up": "reports",
} as const;

test("a report from every source, for every reason, opens a case in its reason's queue", async () => {
  const filed: { id: string; subject: string; queue: string }[] = [];
  for (const source of REPORT_SOURCES) {
    for (const [reason, queue] of Object.entries(REASONS)) {
      const n = filed.length;
      const subjectType = (["group", "account", "invite_link"] as const)[n % 3];
      const subject = `${source}-${n}`;
      const res = await api(base, key, "POST", "/v1/reports", {
        platform: "whatsapp",
        id: `rep-${n}`,
        source,
        subject: { type: subjectType, id: subject },
        reason,
        text: "please look at this",
      });
      assert.equal(res.status, 202);
      filed.push({ id: `rep-${n}`, subject: `${subjectType}:${subject}`, queue });
    }
  }
  for (const f of filed) {
    const decided = await decision(f.id);
    assert.notEqual(decided, "none", `${f.id} was decided none`);
    const [type, id] = f.subject.split(":");
    const cases = await openCases(type, id);
    assert.equal(cases.length, 1, `${f.id}: one case about ${f.subject}`);
    assert.equal(cases[0].queue, f.queue, `${f.id}: routed by reason`);
  }
});

test("a report about a subject with an open case joins it; many reports raise it", async () => {
  // A child-safety case already open on the group (from a text signal on its name).
  const created = await api(base, key, "POST", "/v1/events", {
    events: [
      {
        id: "g-join-created",
        type: "group.created",
        occurred_at: "2026-11-22T10:00:00Z",
        platform: "whatsapp",
        group: { id: "g-join", name: "child porn links" },
      },
    ],
  });
  assert.equal(created.status, 202);
  assert.equal(await decision("g-join-created"), "review");
  const [first] = await openCases("group", "g-join");
  assert.equal(first.queue, "child-safety");

  for (const [i, reason] of ["spam", "child_safety", "other"].entries()) {
    await api(base, key, "POST", "/v1/reports", {
      platform: "whatsapp",
      id: `join-${i}`,
      subject: { type: "group", id: "g-join" },
      reason,
    });
    assert.equal(await decision(`join-${i}`), "review");
  }
  const after = await openCases("group", "g-join");
  assert.deepEqual(
    after.map((c) => c.id),
    [first.id],
    "every report joined the open case instead of opening another",
  );

  // A spam report on an account, then four more: the one case's priority climbs, capped.
  const priorities: number[] = [];
  for (let i = 0; i < 6; i++) {
    await api(base, key, "POST", "/v1/reports", {
      platform: "whatsapp",
      id: `many-${i}`,
      subject: { type: "account", id: "acc-many" },
      reason: "spam",
    });
    await decision(`many-${i}`);
    const cases = await openCases("account", "acc-many");
    assert.equal(cases.length, 1);
    priorities.push(cases[0].priority);
  }
  assert.deepEqual(priorities, [30, 35, 40, 45, 50, 50]);
});

test("a child-safety report on a subject whose only open case is in `reports` opens a child-safety case", async () => {
  await api(base, key, "POST", "/v1/reports", {
    platform: "whatsapp",
    id: "cs-1",
    subject: { type: "account", id: "acc-cs" },
    reason: "spam",
  });
  await decision("cs-1");
  await api(base, key, "POST", "/v1/reports", {
    platform: "whatsapp",
    id: "cs-2",
    subject: { type: "account", id: "acc-cs" },
    reason: "child_safety",
  });
  await decision("cs-2");
  const queues = (await openCases("account", "acc-cs")).map((c) => c.queue).sort();
  assert.deepEqual(queues, ["child-safety", "reports"]);
});
