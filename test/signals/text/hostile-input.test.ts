/** Hostile input: every case ends in bounded time with a result or a named error, never a crash. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { DEFAULT_MAX_TEXT_LENGTH, TextInputError, TextScorer } from "../../../src/signals/text/index.js";
import { MAX_MATCHES } from "../../../src/signals/text/term-matcher.js";
import { repoRoot } from "../../support/paths.js";

const scorer = TextScorer.fromDirectory(join(repoRoot, "lexicons"));

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

test("a 10 MB string is refused at once with TextTooLong", () => {
  const text = "child porn ".repeat(1_000_000).slice(0, 10 * 2 ** 20);
  const { ms } = timed(() =>
    assert.throws(
      () => scorer.score(text),
      (e: unknown) => e instanceof TextInputError && e.code === "TextTooLong" && /10485760/.test(e.message),
    ),
  );
  assert.ok(ms < 50, `refusal took ${ms} ms`);
});

test("a text at the limit (1 Mi of mixed scripts) is scored in bounded time with bounded output", () => {
  const text = "ילדים 🍕 сhild ｐｏｒｎ 𝐜 ".repeat(60_000).slice(0, DEFAULT_MAX_TEXT_LENGTH);
  const { value, ms } = timed(() => scorer.score(text));
  assert.equal(value.category, "child_safety");
  assert.equal(value.matches.length, MAX_MATCHES);
  assert.equal(value.truncated, true);
  assert.ok(ms < 10_000, `took ${ms} ms`);
});

test("invalid UTF-16 (lone surrogates) is read as invisible, never thrown on", () => {
  const text = `ch\ud800ild p\udc00orn \udbff\udbff\udc00 ${"\ud800".repeat(100_000)}`;
  const { value, ms } = timed(() => scorer.score(text));
  assert.equal(value.category, "child_safety");
  assert.ok(ms < 2_000, `took ${ms} ms`);
  assert.doesNotThrow(() => JSON.stringify(value));
});

test("10,000 combining marks on one letter are dropped in linear time", () => {
  const text = `c${"\u0337".repeat(10_000)}hild porn${"\u0301".repeat(10_000)}`;
  const { value, ms } = timed(() => scorer.score(text));
  assert.equal(value.category, "child_safety");
  assert.equal(value.normalised, "child porn");
  assert.ok(ms < 1_000, `took ${ms} ms`);
});

test("right-to-left overrides: reversed runs are read as displayed, nested and unclosed ones too", () => {
  assert.equal(scorer.score("\u202enrop dlihc\u202c").category, "child_safety");
  assert.equal(scorer.score("kids \u202e\u202e\u202edlihc").normalised, "kids child");
  const many = "\u202enrop dlihc\u202c kids \u202e".repeat(10_000);
  const { value, ms } = timed(() => scorer.score(many));
  assert.equal(value.category, "child_safety");
  assert.ok(ms < 5_000, `took ${ms} ms`);
});

test("a value that is not a string is a NotText error", () => {
  assert.throws(
    () => scorer.score(42 as unknown as string),
    (e: unknown) => e instanceof TextInputError && e.code === "NotText",
  );
});

test("empty and separator-only texts are no signal", () => {
  for (const text of ["", "   ", "\u200b\u200b", "....", "\u202e"]) {
    const s = scorer.score(text);
    assert.equal(s.category, "none");
    assert.deepEqual(s.terms, []);
  }
});
