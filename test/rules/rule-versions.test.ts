/** ruleVersions() gives the store's RuleVersion records; mode and enabled stay out of the versioned text. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ruleVersions } from "../../src/rules/rule-versions.js";
import { canonicalJson, type RuleVersion } from "../../src/store/repositories/rule-repository.js";
import { CONFIRMED, rule, ruleSet } from "./builders.js";

const then = { review: { queue: "q", priority: 1 } };

test("records match the store's RuleVersion, and promoting a rule keeps its definition", () => {
  // Typed as the store's record: the compiler holds the two shapes together.
  const shadow: RuleVersion[] = ruleVersions(
    ruleSet(rule({ name: "x", version: 3, mode: "shadow", when: CONFIRMED, then })),
  );
  const live: RuleVersion[] = ruleVersions(
    ruleSet(rule({ name: "x", version: 3, mode: "live", enabled: false, when: CONFIRMED, then })),
  );
  assert.deepEqual(
    [shadow[0].name, shadow[0].version, shadow[0].mode, shadow[0].enabled],
    ["x", 3, "shadow", true],
  );
  assert.equal(live[0].mode, "live");
  assert.equal(live[0].enabled, false);
  assert.equal(canonicalJson(shadow[0].definition), canonicalJson(live[0].definition));
  assert.deepEqual(shadow[0].definition, { name: "x", version: 3, when: CONFIRMED, then });
});
