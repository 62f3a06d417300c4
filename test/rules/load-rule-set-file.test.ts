/** Loading a rule set file: every failure names the file and, where it can, the line and column. */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { loadRuleSetFile } from "../../src/rules/load-rule-set-file.js";
import { RuleSetError } from "../../src/rules/rule-problems.js";

let dir = "";
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "vigil-rules-"));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function refusal(name: string, text: string | null): Promise<string> {
  const path = join(dir, name);
  if (text !== null) await writeFile(path, text);
  const error = await loadRuleSetFile(path).then(
    () => assert.fail("expected a RuleSetError"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof RuleSetError, String(error));
  assert.ok(error.message.startsWith(`${path}: rule set refused`), error.message);
  return error.message;
}

const valid = `{
  "rules": [
    {
      "name": "placeholder",
      "version": 1,
      "mode": "live",
      "when": { "kind": "text_score", "min_score": 0.5 },
      "then": { "review": { "queue": "child-safety", "priority": 10 } }
    }
  ]
}
`;

test("a valid file loads", async () => {
  const path = join(dir, "valid.json");
  await writeFile(path, `\uFEFF${valid}`);
  const set = await loadRuleSetFile(path);
  assert.equal(set.rules[0]?.name, "placeholder");
});

test("file errors name the file", async () => {
  assert.match(await refusal("missing.json", null), /cannot read the rule set: no such file/);
});

test("JSON syntax errors name the line and column", async () => {
  const cases: [string, RegExp][] = [
    [
      '{\n  "rules": [\n    {"name": "x",}\n  ]\n}\n',
      /line 3, column 18: not valid JSON: expected a double-quoted property name but found '\}'/,
    ],
    [
      '{\n  "rules": [\n',
      /line 3, column 1: not valid JSON: unexpected the end of the file|line 3, column 1: not valid JSON/,
    ],
    ['{\n  "rules": tru\n}', /line 2, column 12: not valid JSON: unexpected 't'/],
    ["", /line 1, column 1: not valid JSON/],
  ];
  for (const [text, expected] of cases) assert.match(await refusal("syntax.json", text), expected);
});

test("schema and safety errors name the line of the offending value", async () => {
  const badScore = valid.replace('"min_score": 0.5', '"min_score": 5');
  assert.match(
    await refusal("score.json", badScore),
    /line 7, column 39: rule placeholder: rules\[0\]\.when\.min_score: Too big/,
  );
  const unknownField = valid.replace('"version": 1,', '"version": 1,\n      "colour": "red",');
  assert.match(
    await refusal("field.json", unknownField),
    /line 6, column 7: rule placeholder: rules\[0\]\.colour: unknown field "colour"/,
  );
  const unsafe = valid.replace(
    '"then": {',
    '"then": { "actions": [{ "action": "disable_group", "target": "group" }],',
  );
  assert.match(
    await refusal("unsafe.json", unsafe),
    /line 8, column 17: rule placeholder: rules\[0\]\.then\.actions: actions need/,
  );
});
