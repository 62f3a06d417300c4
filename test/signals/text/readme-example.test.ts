/** The examples in src/signals/text/README.md and the README's `vigil text score` section, run as written. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { scoreText, TextScorer } from "../../../src/signals/text/index.js";
import { repoRoot } from "../../support/paths.js";

test("scoreText: the pipeline's call", () => {
  const { spans, ...signal } = scoreText("group.name", "ch1ld p0rn links") ?? {};
  assert.deepEqual(signal, {
    kind: "text",
    field: "group.name",
    category: "child_safety",
    score: 1,
    terms: ["child porn", "child", "porn"],
  });
  // Where each term stands in the original text, for the console's highlight.
  assert.deepEqual(
    spans?.map((s) => [s.start, s.end, s.original]),
    [
      [0, 10, "ch1ld p0rn"],
      [0, 10, "ch1ld p0rn"],
      [0, 5, "ch1ld"],
      [6, 10, "p0rn"],
    ],
  );
  assert.equal(scoreText("group.name", "Kids football 🍕 Friday"), null);
});

test("TextScorer keeps the transliteration beside the original script", () => {
  const scorer = TextScorer.fromDirectory(join(repoRoot, "lexicons"), { threshold: 0.5 });
  const s = scorer.score("kids порно");
  assert.equal(s.normalised, "kids порно");
  assert.equal(s.transliterated, "kids porno");
  assert.equal(s.category, "child_safety");
});
