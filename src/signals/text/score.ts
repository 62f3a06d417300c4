/**
 * score: how matched terms combine into one category and a 0..1 score.
 *
 *   minor, sexual   noisy-OR of their terms' weights (two weak terms say more than one)
 *   abuse, code     the strongest term
 *   benign          the strongest context term; every score is multiplied by (1 - benign)
 *
 *   child_safety = max(abuse, min(minor, sexual), min(code, sexual)) × (1 - benign)
 *   adult        = sexual × (1 - benign)
 *
 * A minor term alone is therefore no signal ("Kinder Fußball"), a sexual term alone
 * is adult, both together or an explicit abuse term is child safety. The category
 * is child_safety when its score reaches the threshold, else adult when that one
 * does, else none (with the higher of the two scores, for tuning).
 */
import type { TermCategory } from "./lexicon.js";
import type { TermMatch } from "./term-matcher.js";

export const TEXT_CATEGORIES = ["child_safety", "adult", "none"] as const;
export type TextCategory = (typeof TEXT_CATEGORIES)[number];

/** The default threshold, at which the evaluation numbers in lexicons/README.md are measured. */
export const DEFAULT_THRESHOLD = 0.5;

export type CategoryStrengths = Record<TermCategory, number>;

export interface TextScoreResult {
  category: TextCategory;
  score: number;
  childSafety: number;
  adult: number;
  strengths: CategoryStrengths;
}

/**
 * Drops a hit that lies inside another hit of the same category ("porn" inside
 * "porno"): one word is one piece of evidence.
 */
export function withoutNested(matches: TermMatch[]): TermMatch[] {
  return matches.filter((m, i) =>
    matches.every((o, j) => {
      if (j === i || o.term.category !== m.term.category || o.start > m.start || o.end < m.end) return true;
      if (o.end - o.start !== m.end - m.start) return false; // o is longer and holds m
      // The same span twice: keep the heavier term, or the first of equals.
      return o.term.weight < m.term.weight || (o.term.weight === m.term.weight && j > i);
    }),
  );
}

export function strengths(matches: TermMatch[]): CategoryStrengths {
  const s: CategoryStrengths = { minor: 0, sexual: 0, abuse: 0, code: 0, benign: 0 };
  // The same span found under two languages' terms (en "kids", de "kids") counts once.
  const best = new Map<string, number>();
  for (const m of withoutNested(matches)) {
    const key = `${m.term.category}|${m.start}|${m.end}`;
    best.set(key, Math.max(best.get(key) ?? 0, m.term.weight));
  }
  for (const [key, weight] of best) {
    const category = key.slice(0, key.indexOf("|")) as TermCategory;
    if (category === "minor" || category === "sexual") s[category] = 1 - (1 - s[category]) * (1 - weight);
    else s[category] = Math.max(s[category], weight);
  }
  return s;
}

export function scoreStrengths(s: CategoryStrengths, threshold = DEFAULT_THRESHOLD): TextScoreResult {
  const keep = 1 - s.benign;
  const childSafety = round(
    Math.max(s.abuse, Math.min(s.minor, s.sexual), Math.min(s.code, s.sexual)) * keep,
  );
  const adult = round(s.sexual * keep);
  const category: TextCategory =
    childSafety >= threshold ? "child_safety" : adult >= threshold ? "adult" : "none";
  const score =
    category === "child_safety" ? childSafety : category === "adult" ? adult : Math.max(childSafety, adult);
  return { category, score, childSafety, adult, strengths: s };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
