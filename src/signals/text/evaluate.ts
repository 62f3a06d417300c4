/**
 * The labelled evaluation set and its measures. Each line of the set is
 *
 *   label <TAB> language <TAB> kind <TAB> text
 *
 * with label child_safety, adult or none, a language tag, and a kind naming what
 * the line tests (plain, leet, separators, homoglyph, benign-lookalike, ...).
 * Measures are counted per label and per language at one threshold: precision and
 * recall for child_safety and adult, and the false-positive rate of benign lines
 * (label none, scored anything else).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { TEXT_CATEGORIES, type TextCategory } from "./score.js";
import type { TextScorer } from "./text-scorer.js";

export interface EvaluationLine {
  label: TextCategory;
  language: string;
  kind: string;
  text: string;
  /** 1-based line number in the file. */
  line: number;
  /** The file it came from, when read from one. */
  file?: string;
}

export function parseEvaluationSet(content: string, file?: string): EvaluationLine[] {
  const lines: EvaluationLine[] = [];
  content.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === "" || raw.startsWith("#")) return;
    const [label, language, kind, ...rest] = raw.split("\t");
    if (!(TEXT_CATEGORIES as readonly string[]).includes(label) || !language || !kind || rest.length === 0)
      throw new Error(
        `${file ?? "evaluation set"} line ${i + 1}: expected label<TAB>language<TAB>kind<TAB>text`,
      );
    lines.push({ label: label as TextCategory, language, kind, text: rest.join("\t"), line: i + 1, file });
  });
  return lines;
}

/**
 * Reads evaluation sets: each path is a file, or a folder whose `*.tsv` files are
 * read in name order (one file per language, e.g. fixtures/text/tuning/).
 */
export function loadEvaluationSets(paths: readonly string[]): EvaluationLine[] {
  const lines: EvaluationLine[] = [];
  for (const path of paths) {
    const files = statSync(path).isDirectory()
      ? readdirSync(path)
          .filter((f) => f.endsWith(".tsv"))
          .sort()
          .map((f) => join(path, f))
      : [path];
    for (const file of files) lines.push(...parseEvaluationSet(readFileSync(file, "utf8"), file));
  }
  return lines;
}

export interface Counts {
  /** Lines labelled with the category. */
  labelled: number;
  /** Lines scored as the category. */
  predicted: number;
  /** Both. */
  correct: number;
}

export interface GroupMeasures {
  lines: number;
  childSafety: Counts;
  adult: Counts;
  /** Benign lines (label none) and how many of them were scored child_safety or adult. */
  benign: number;
  benignFlagged: number;
}

export interface Evaluation {
  threshold: number;
  overall: GroupMeasures;
  byLanguage: Record<string, GroupMeasures>;
  /** Lines scored differently from their label. */
  errors: { line: EvaluationLine; got: TextCategory; score: number; terms: string[] }[];
}

function emptyGroup(): GroupMeasures {
  const counts = (): Counts => ({ labelled: 0, predicted: 0, correct: 0 });
  return { lines: 0, childSafety: counts(), adult: counts(), benign: 0, benignFlagged: 0 };
}

function count(group: GroupMeasures, label: TextCategory, got: TextCategory): void {
  group.lines++;
  for (const [category, counts] of [
    ["child_safety", group.childSafety],
    ["adult", group.adult],
  ] as const) {
    if (label === category) counts.labelled++;
    if (got === category) counts.predicted++;
    if (label === category && got === category) counts.correct++;
  }
  if (label === "none") {
    group.benign++;
    if (got !== "none") group.benignFlagged++;
  }
}

export function evaluate(scorer: TextScorer, lines: EvaluationLine[]): Evaluation {
  const overall = emptyGroup();
  const byLanguage: Record<string, GroupMeasures> = {};
  const errors: Evaluation["errors"] = [];
  for (const line of lines) {
    const scored = scorer.score(line.text);
    byLanguage[line.language] ??= emptyGroup();
    count(overall, line.label, scored.category);
    count(byLanguage[line.language], line.label, scored.category);
    if (scored.category !== line.label)
      errors.push({ line, got: scored.category, score: scored.score, terms: scored.terms });
  }
  return { threshold: scorer.threshold, overall, byLanguage, errors };
}

/** correct / predicted, or 1 when nothing was predicted (no false positives). */
export function precision(c: Counts): number {
  return c.predicted === 0 ? 1 : c.correct / c.predicted;
}

/** correct / labelled, or 1 when nothing was labelled. */
export function recall(c: Counts): number {
  return c.labelled === 0 ? 1 : c.correct / c.labelled;
}

export function falsePositiveRate(g: GroupMeasures): number {
  return g.benign === 0 ? 0 : g.benignFlagged / g.benign;
}

/**
 * The targets of issues 5 and 25: child-safety precision >= 0.97 and recall >= 0.90,
 * overall and in every language; benign false-positive rate <= 1% in every language.
 */
export function unmetTargets(e: Evaluation): string[] {
  const unmet: string[] = [];
  const childSafety = (name: string, cs: Counts) => {
    if (precision(cs) < 0.97) unmet.push(`${name}child_safety precision ${precision(cs).toFixed(3)} < 0.97`);
    if (recall(cs) < 0.9) unmet.push(`${name}child_safety recall ${recall(cs).toFixed(3)} < 0.90`);
  };
  childSafety("", e.overall.childSafety);
  for (const [language, g] of Object.entries(e.byLanguage)) {
    childSafety(`${language}: `, g.childSafety);
    if (falsePositiveRate(g) > 0.01)
      unmet.push(`${language}: benign false-positive rate ${(100 * falsePositiveRate(g)).toFixed(1)}% > 1%`);
  }
  return unmet;
}

/** A plain-text report: one row per language and the total. */
export function formatEvaluation(e: Evaluation): string {
  const pct = (x: number) => x.toFixed(3);
  const header = [
    "language",
    "lines",
    "cs P",
    "cs R",
    "(cs n)",
    "adult P",
    "adult R",
    "(adult n)",
    "benign FP",
    "(benign n)",
  ];
  const row = (name: string, g: GroupMeasures) => [
    name,
    String(g.lines),
    pct(precision(g.childSafety)),
    pct(recall(g.childSafety)),
    String(g.childSafety.labelled),
    pct(precision(g.adult)),
    pct(recall(g.adult)),
    String(g.adult.labelled),
    `${(100 * falsePositiveRate(g)).toFixed(1)}%`,
    String(g.benign),
  ];
  const rows = [
    header,
    ...Object.keys(e.byLanguage)
      .sort()
      .map((l) => row(l, e.byLanguage[l])),
    row("all", e.overall),
  ];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const lines = rows.map((r) => r.map((cell, i) => cell.padStart(widths[i])).join("  "));
  return `threshold ${e.threshold}\n${lines.join("\n")}`;
}
