/** How categories combine (issue 5): minor alone none, sexual alone adult, both or abuse child_safety. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseLexicon, TextScorer } from "../../../src/signals/text/index.js";

// A lexicon of neutral made-up words, so the rules are tested apart from the starter lists.
const { terms, problems } = parseLexicon(
  [
    "small\tminor\t0.9",
    "tiny\tminor\t0.3",
    "spicy\tsexual\t0.8",
    "mild\tsexual\t0.3",
    "zorbcode\tabuse\t1\tinside",
    "bluebird\tcode\t0.8",
    "protecting\tbenign\t0.6",
  ].join("\n"),
  "test.tsv",
);
assert.deepEqual(problems, []);
const scorer = new TextScorer({ terms, files: [] });

test("a minor term alone is not a signal", () => {
  const s = scorer.score("small group");
  assert.equal(s.category, "none");
  assert.equal(scorer.signal("group.name", "small group"), null);
});

test("a sexual term alone is adult", () => {
  assert.deepEqual(scorer.signal("group.name", "spicy group"), {
    kind: "text",
    field: "group.name",
    category: "adult",
    score: 0.8,
    terms: ["spicy"],
    spans: [{ start: 0, end: 5, original: "spicy", term: "spicy" }],
  });
});

test("minor and sexual together are child_safety, scored by the weaker of the two", () => {
  const s = scorer.score("small spicy");
  assert.equal(s.category, "child_safety");
  assert.equal(s.score, 0.8);
});

test("weak terms add up (noisy-OR) within a category", () => {
  assert.equal(scorer.score("tiny spicy").category, "adult"); // minor 0.3: below the threshold
  const twice = scorer.score("mild, mild");
  assert.equal(twice.adult, 0.51); // 1 - 0.7 × 0.7
  assert.equal(twice.category, "adult");
});

test("an explicit abuse term is child_safety alone, also inside a word", () => {
  assert.equal(scorer.score("xxzorbcodexx").category, "child_safety");
});

test("a code word needs a sexual term beside it", () => {
  assert.equal(scorer.score("bluebird small").category, "none");
  assert.equal(scorer.score("bluebird spicy").category, "child_safety");
});

test("benign context lowers every score", () => {
  const s = scorer.score("protecting small spicy");
  assert.equal(s.category, "none");
  assert.equal(s.childSafety, 0.32);
});

test("the threshold is the scorer's", () => {
  const strict = new TextScorer({ terms, files: [] }, { threshold: 0.9 });
  assert.equal(strict.score("small spicy").category, "none");
});

test("explanations carry category, language, weight, source and original positions", () => {
  const text = "A  SMALL, spicy one";
  const s = scorer.score(text);
  assert.deepEqual(
    s.matches.map((m) => [
      m.term,
      m.category,
      m.language,
      m.weight,
      m.source,
      text.slice(m.start, m.end),
      m.normalised,
    ]),
    [
      ["small", "minor", "test", 0.9, "test.tsv:1", "SMALL", "small"],
      ["spicy", "sexual", "test", 0.8, "test.tsv:3", "spicy", "spicy"],
    ],
  );
  assert.equal(s.normalised, "a small spicy one");
});
