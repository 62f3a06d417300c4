/** Every JSON example in rules/README.md is valid in the rule language (a rule, or a condition inside one). */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { test } from "node:test";
import { parseRuleSet } from "../../src/rules/rule-set.js";
import { repoRoot } from "../support/paths.js";

test("rules/README.md examples load", async () => {
  const text = await readFile(join(repoRoot, "rules", "README.md"), "utf8");
  const blocks = [...text.matchAll(/```json\n([\s\S]*?)```/g)].map(
    (m) => JSON.parse(m[1]) as Record<string, unknown>,
  );
  assert.ok(blocks.length >= 9, `expected an example per condition and outcome, found ${blocks.length}`);
  const kinds = new Set<unknown>();
  blocks.forEach((block, i) => {
    const isRule = "name" in block;
    if (!isRule) kinds.add(block.kind);
    const rule = isRule
      ? block
      : {
          name: `example-${i}`,
          version: 1,
          mode: "live",
          when: block,
          then: { review: { queue: "q", priority: 1 } },
        };
    assert.doesNotThrow(() => parseRuleSet({ rules: [rule] }), `example ${i + 1}: ${JSON.stringify(block)}`);
  });
  for (const kind of ["bank_match", "text_score", "event_type", "subject_type", "platform", "all"])
    assert.ok(kinds.has(kind), `no example of ${kind}`);
});

test("the refusal shown in rules/README.md is the one Vigil prints", async () => {
  const text = await readFile(join(repoRoot, "rules", "README.md"), "utf8");
  const shown = /```text\n[^\n]*\n {2}(line [^\n]*)\n```/.exec(text)?.[1];
  assert.ok(shown, "no refusal example found");
  const rule = {
    name: "name-check",
    version: 1,
    mode: "live",
    when: { kind: "text_score", min_score: 0.9 },
    then: { actions: [{ action: "disable_group", target: "group" }] },
  };
  assert.throws(
    () => parseRuleSet({ rules: [rule] }),
    (e: Error) => e.message.includes(shown.replace(/^line \d+, column \d+: /, "")),
  );
});
