/** backtest(): the kind matrix, added and removed actions and queues, examples capped, and the printed form. */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Decision } from "../../src/domain/decisions.js";
import { type BacktestEvent, backtest } from "../../src/rules/backtest.js";
import { formatBacktest } from "../../src/rules/format-backtest.js";
import { bankMatch, CONFIRMED, groupEvent, rule, ruleSet, textSignal } from "./builders.js";

const rules = ruleSet(
  rule({
    name: "act",
    when: CONFIRMED,
    then: {
      actions: [{ action: "disable_group", target: "group" }],
      review: { queue: "ncmec", priority: 100 },
    },
  }),
  rule({
    name: "text",
    when: { kind: "text_score", min_score: 0.8 },
    then: { review: { queue: "text", priority: 80 } },
  }),
);

const none: Decision = { kind: "none", actions: [], reviews: [], verdicts: [] };
const reviewed = (queue: string): Decision => ({
  kind: "review",
  actions: [],
  reviews: [{ queue, priority: 50 }],
  verdicts: [],
});
const acted: Decision = {
  kind: "act",
  actions: [{ action: "ban_account", subject: { type: "account", id: "a-1" } }],
  reviews: [],
  verdicts: [],
};

async function* history(events: BacktestEvent[]): AsyncGenerator<BacktestEvent> {
  for (const e of events) yield e;
}

const events: BacktestEvent[] = [
  // none -> act: a confirmed match the old rules missed.
  { eventId: "e-1", input: groupEvent([bankMatch()]), decided: none },
  { eventId: "e-2", input: groupEvent([bankMatch()]), decided: none },
  { eventId: "e-3", input: groupEvent([bankMatch()]), decided: none },
  // review -> review, queue changed from old to text.
  { eventId: "e-4", input: groupEvent([textSignal()]), decided: reviewed("old") },
  // act -> none: the old decision's action is removed.
  { eventId: "e-5", input: groupEvent([]), decided: acted },
  // unchanged none.
  { eventId: "e-6", input: groupEvent([]), decided: none },
  // nothing recorded: compared as none.
  { eventId: "e-7", input: groupEvent([textSignal()]), decided: null },
];

test("counts every event once in the kind matrix and tallies what would change", async () => {
  const summary = await backtest(rules, history(events), { examples: 2 });
  assert.equal(summary.events, 7);
  assert.equal(summary.unrecorded, 1);
  assert.deepEqual(summary.kinds, {
    act: { act: 0, review: 0, none: 1 },
    review: { act: 0, review: 1, none: 0 },
    none: { act: 3, review: 1, none: 1 },
  });
  assert.deepEqual(
    summary.kindChanges.map((c) => [c.from, c.to, c.count, c.examples.map((e) => e.eventId)]),
    [
      ["none", "act", 3, ["e-1", "e-2"]],
      ["act", "none", 1, ["e-5"]],
      ["none", "review", 1, ["e-7"]],
    ],
  );
  assert.equal(summary.actionsAdded.total, 3);
  assert.deepEqual(summary.actionsAdded.by, { disable_group: 3 });
  assert.deepEqual(
    summary.actionsAdded.examples.map((e) => e.eventId),
    ["e-1", "e-2"],
  );
  assert.deepEqual(summary.actionsRemoved.by, { ban_account: 1 });
  assert.deepEqual(summary.reviewsAdded.by, { ncmec: 3, text: 2 });
  assert.deepEqual(summary.reviewsRemoved.by, { old: 1 });
  const example = summary.kindChanges[0].examples[0];
  assert.equal(example.before.kind, "none");
  assert.equal(example.after.verdicts[0]?.rule, "act");
});

test("an unchanged history reports no change", async () => {
  const summary = await backtest(rules, history([{ eventId: "e-1", input: groupEvent([]), decided: none }]));
  assert.deepEqual(summary.kindChanges, []);
  assert.equal(summary.actionsAdded.total + summary.actionsRemoved.total, 0);
  assert.match(formatBacktest(summary), /no event would change decision kind/);
});

test("formatBacktest prints the matrix, the changes and examples with their reasons", async () => {
  const text = formatBacktest(await backtest(rules, history(events), { examples: 1 }));
  const expected = [
    "backtest over 7 events (1 with no recorded decision, compared as none)",
    "decision kind: rows as recorded, columns with these rules",
    "               act  review    none",
    "  act            0       0       1",
    "  none           3       1       1",
    "5 events would change decision kind:",
    "  none -> act: 3",
    "    e-1: none -> act [disable_group group:g-1, review ncmec (100)]  because act@1: pdq distance 12 in bank demo (confirmed) on group.photo",
    "actions added: 3 (disable_group 3)",
    "actions removed: 1 (ban_account 1)",
    "    e-5: act [ban_account account:a-1] -> none",
    "review queues added: 5 (ncmec 3, text 2)",
    "review queues removed: 1 (old 1)",
  ];
  for (const line of expected)
    assert.ok(text.split("\n").includes(line), `missing line "${line}" in:\n${text}`);
});
