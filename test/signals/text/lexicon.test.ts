/** Lexicon files: the format, its errors, the starter folder, and hot reload. */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import {
  LexiconError,
  loadLexiconDirectory,
  parseLexicon,
  TextScorer,
  watchLexicons,
} from "../../../src/signals/text/index.js";
import { repoRoot } from "../../support/paths.js";

test("a line is term, category, weight, optional match and note; # lines are comments", () => {
  const { terms, problems } = parseLexicon(
    "# header\n\nfoo\tminor\t0.5\nbar baz\tsexual\t1\tprefix\twhy\n",
    "xx.tsv",
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(
    terms.map((t) => [t.term, t.language, t.category, t.weight, t.match, t.source, t.note]),
    [
      ["foo", "xx", "minor", 0.5, "word", "xx.tsv:3", ""],
      ["bar baz", "xx", "sexual", 1, "prefix", "xx.tsv:4", "why"],
    ],
  );
});

test("a numeric range expands to one term per number", () => {
  const { terms } = parseLexicon("{12-14}yo\tminor\t0.9\n", "en.tsv");
  assert.deepEqual(
    terms.map((t) => t.term),
    ["12yo", "13yo", "14yo"],
  );
});

test("every bad line is named with its file and line", () => {
  const { problems } = parseLexicon(
    "ok\tminor\t0.5\nx\tweird\t0.5\ny\tminor\t2\nz\tminor\t0.5\teverywhere\n{9-1}\tminor\t0.5\n",
    "de.tsv",
  );
  assert.equal(problems.length, 4);
  assert.match(problems[0], /^de\.tsv:2: category "weird"/);
  assert.match(problems[1], /^de\.tsv:3: weight "2"/);
  assert.match(problems[2], /^de\.tsv:4: match "everywhere"/);
  assert.match(problems[3], /^de\.tsv:5: range/);
});

test("the starter lexicons load: twenty-three languages and und, every term matchable", () => {
  const lexicon = loadLexiconDirectory(join(repoRoot, "lexicons"));
  const languages = new Set(lexicon.terms.map((t) => t.language));
  assert.deepEqual(
    [...languages].sort(),
    ["ar", "bn", "de", "en", "es", "fa", "fr", "he", "hi", "id", "it", "ja", "ms", "nl", "pl", "pt", "ru"]
      .concat(["tl", "tr", "uk", "und", "ur", "vi", "zh"])
      .sort(),
  );
  for (const category of ["minor", "sexual", "abuse", "code", "benign"])
    assert.ok(
      lexicon.terms.some((t) => t.category === category),
      category,
    );
  const scorer = new TextScorer(lexicon);
  // Each term, written as itself, is found by its own lexicon.
  for (const term of lexicon.terms)
    assert.ok(
      scorer.score(term.term).matches.some((m) => m.term === term.term),
      `${term.source} "${term.term}" does not match itself`,
    );
});

test("hot reload: an edited folder is swapped in; a broken one is reported and the old lexicon kept", async () => {
  const dir = await mkdtemp(join(tmpdir(), "vigil-lexicons-"));
  try {
    await writeFile(join(dir, "en.tsv"), "spicy\tsexual\t0.8\n");
    const scorer = TextScorer.fromDirectory(dir);
    assert.equal(scorer.score("spicy small").category, "adult");
    const events: string[] = [];
    let wake: () => void = () => {};
    const stop = watchLexicons(dir, scorer, {
      debounceMs: 20,
      onReload: (l) => {
        events.push(`reload ${l.terms.length}`);
        wake();
      },
      onError: (e) => {
        events.push(`error ${e instanceof LexiconError ? e.problems[0] : e.message}`);
        wake();
      },
    });
    try {
      const next = () => new Promise<void>((resolve) => (wake = resolve));
      let happened = next();
      await writeFile(join(dir, "en.tsv"), "spicy\tsexual\t0.8\nsmall\tminor\t0.9\n");
      await happened;
      assert.equal(scorer.score("spicy small").category, "child_safety");

      happened = next();
      await writeFile(join(dir, "en.tsv"), "spicy\tsexy\t0.8\n");
      await happened;
      assert.match(events.at(-1)!, /^error en\.tsv:1: category "sexy"/);
      assert.equal(scorer.score("spicy small").category, "child_safety", "the previous lexicon stays");
    } finally {
      stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
