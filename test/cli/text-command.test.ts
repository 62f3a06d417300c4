/** `vigil text score` and `vigil text eval` as a user runs them. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { repoRoot } from "../support/paths.js";

const vigil = join(repoRoot, "bin", "vigil.js");

function run(args: string[], input = "") {
  const r = spawnSync(process.execPath, [vigil, ...args], { input, cwd: repoRoot, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("text score: one JSON object per input line, from stdin", () => {
  const r = run(["text", "score"], "c.h.i.l.d p0rn\nKinder Fußball 🍕\n\n");
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 3);
  assert.deepEqual(lines[0], {
    text: "c.h.i.l.d p0rn",
    score: 1,
    category: "child_safety",
    terms: ["child porn", "child", "porn"],
    normalised: "child p0rn",
  });
  assert.deepEqual(lines[1], {
    text: "Kinder Fußball 🍕",
    score: 0,
    category: "none",
    terms: ["kinder", "🍕"],
    normalised: "kinder fussball :pizza:",
  });
  assert.equal(lines[2].category, "none");
});

test("text score --file --explain: positions into the original line", async () => {
  const dir = await mkdtemp(join(tmpdir(), "vigil-text-"));
  try {
    const file = join(dir, "names.txt");
    await writeFile(file, "join ch\u200bild p0rn\n");
    const r = run(["text", "score", "--file", file, "--explain"]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const m = out.matches.find((x: { term: string }) => x.term === "child porn");
    assert.equal(out.text.slice(m.start, m.end), "ch\u200bild p0rn");
    assert.equal(m.category, "abuse");
    assert.equal(m.language, "en");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("text score: a bad lexicon folder is an error naming the line", async () => {
  const dir = await mkdtemp(join(tmpdir(), "vigil-lex-"));
  try {
    await writeFile(join(dir, "en.tsv"), "foo\tminor\tlots\n");
    const r = run(["text", "score", "--lexicons", dir], "foo\n");
    assert.equal(r.code, 1);
    assert.match(r.stderr, /en\.tsv:1: weight "lots"/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("text eval --check: the evaluation set meets the issue's targets", () => {
  const r = run(["text", "eval", "fixtures/text/eval.tsv", "--check"]);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /^\s+all\s+560\s/m);
  assert.match(r.stdout, /targets met/);
});

test("text eval reads folders: the issue-25 tuning sets meet the targets in every language", () => {
  const r = run(["text", "eval", "fixtures/text/tuning", "--check"]);
  assert.equal(r.code, 0, r.stdout);
  for (const language of ["hi", "hi-Latn", "id", "ru", "tr", "it", "pl", "bn", "ur", "ms", "uk", "nl", "vi"])
    assert.match(r.stdout, new RegExp(`^\\s+${language}\\s+\\d+\\s`, "m"), language);
  assert.match(r.stdout, /targets met/);
});

test("text eval: a bad line names its file and line", async () => {
  const dir = await mkdtemp(join(tmpdir(), "vigil-eval-"));
  try {
    await writeFile(join(dir, "xx.tsv"), "none\txx\tbenign\tfine\nmaybe\txx\n");
    const r = run(["text", "eval", dir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /xx\.tsv line 2: expected label<TAB>language<TAB>kind<TAB>text/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
