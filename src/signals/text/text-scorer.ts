/**
 * TextScorer: a loaded lexicon and the whole pipeline, normalise → match → score →
 * explain. Text signals only route work to people: a score opens a review case, it
 * never acts on its own (see the default rules in the README).
 */
import type { TextField } from "../../domain/events.js";
import type { TextSignal } from "../../domain/signals.js";
import { type Lexicon, loadLexiconDirectory } from "./lexicon.js";
import { normalise } from "./normalise.js";
import { DEFAULT_THRESHOLD, scoreStrengths, strengths, type TextCategory, withoutNested } from "./score.js";
import { type TermMatch, TermMatcher } from "./term-matcher.js";
import { viewText } from "./text-view.js";

/** One matched term, where it was and what it looked like once normalised. */
export interface TermExplanation {
  term: string;
  category: string;
  language: string;
  weight: number;
  /** `file:line` of the lexicon entry. */
  source: string;
  /** UTF-16 offsets [start, end) into the original text, and that slice of it. */
  start: number;
  end: number;
  original: string;
  /** The matched part of the normalised form (transliterated when via is "ascii"). */
  normalised: string;
  via: "native" | "ascii";
}

export interface TextScore {
  category: TextCategory;
  /** 0..1: the score of the category (for "none", the higher of the two, below the threshold). */
  score: number;
  childSafety: number;
  adult: number;
  /** Distinct matched terms in order of appearance. */
  terms: string[];
  /** The text as the matcher read it, words separated by single spaces. */
  normalised: string;
  /** Its ASCII transliteration, when the text has words in another script. */
  transliterated: string | null;
  matches: TermExplanation[];
  /** True when more than MAX_MATCHES hits were found and the rest were not kept. */
  truncated: boolean;
}

export interface TextScorerOptions {
  /** Score at which a category is reported (default 0.5). */
  threshold?: number;
  /**
   * Longest text accepted, in UTF-16 code units (default 1 Mi): longer texts throw
   * TextInputError("TextTooLong") at once. Work and memory are linear in the text
   * (about 0.5 s and 150 MB for 1 Mi of mixed scripts), so the limit bounds both.
   */
  maxLength?: number;
}

export const DEFAULT_MAX_TEXT_LENGTH = 1024 * 1024;

export class TextInputError extends Error {
  constructor(
    readonly code: "TextTooLong" | "NotText",
    message: string,
  ) {
    super(message);
    this.name = "TextInputError";
  }
}

export class TextScorer {
  private matcher: TermMatcher;
  readonly threshold: number;
  readonly maxLength: number;

  constructor(lexicon: Lexicon, options: TextScorerOptions = {}) {
    this.matcher = new TermMatcher(lexicon);
    this.threshold = options.threshold ?? DEFAULT_THRESHOLD;
    this.maxLength = options.maxLength ?? DEFAULT_MAX_TEXT_LENGTH;
  }

  static fromDirectory(dir: string, options: TextScorerOptions = {}): TextScorer {
    return new TextScorer(loadLexiconDirectory(dir), options);
  }

  get lexicon(): Lexicon {
    return this.matcher.lexicon;
  }

  /** Compiles the new lexicon first and swaps it in whole: a call never sees half of each. */
  useLexicon(lexicon: Lexicon): void {
    this.matcher = new TermMatcher(lexicon);
  }

  /** Scores one text; throws TextInputError for a non-string or a text over maxLength. */
  score(text: string): TextScore {
    const { normalised, matches, truncated, result } = this.run(text);
    const explained = matches.map((m): TermExplanation => {
      const view = m.view === "native" ? normalised.native : normalised.ascii!;
      return {
        term: m.term.term,
        category: m.term.category,
        language: m.term.language,
        weight: m.term.weight,
        source: m.term.source,
        start: m.start,
        end: m.end,
        original: text.slice(m.start, m.end),
        normalised: viewText(view, m.from, m.to),
        via: m.view,
      };
    });
    return {
      category: result.category,
      score: result.score,
      childSafety: result.childSafety,
      adult: result.adult,
      terms: distinctTerms(matches),
      normalised: viewText(normalised.native),
      transliterated: normalised.ascii ? viewText(normalised.ascii) : null,
      matches: explained,
      truncated,
    };
  }

  /**
   * The pipeline's view: a TextSignal when the text reaches a category, else null.
   * Only the spans are built, not the explanation (this runs for every name).
   */
  signal(field: TextField, text: string): TextSignal | null {
    const { matches, result } = this.run(text);
    if (result.category === "none") return null;
    // The same term found at the same place through two languages' lists is one span.
    const spans: TextSignal["spans"] = [];
    for (const m of matches) {
      const term = m.term.term;
      if (spans.some((o) => o.start === m.start && o.end === m.end && o.term === term)) continue;
      spans.push({ start: m.start, end: m.end, original: text.slice(m.start, m.end), term });
    }
    return {
      kind: "text",
      field,
      category: result.category,
      score: result.score,
      terms: distinctTerms(matches),
      spans,
    };
  }

  /** Normalise, match and score; matches in order of appearance. */
  private run(text: string) {
    if (typeof text !== "string")
      throw new TextInputError("NotText", `expected a string, got ${typeof text}`);
    if (text.length > this.maxLength)
      throw new TextInputError(
        "TextTooLong",
        `text is ${text.length} UTF-16 code units long; the limit is ${this.maxLength}`,
      );
    const normalised = normalise(text);
    const { matches, truncated } = this.matcher.match(normalised);
    const result = scoreStrengths(strengths(matches), this.threshold);
    matches.sort((a, b) => a.start - b.start || b.end - a.end);
    return { normalised, matches, truncated, result };
  }
}

/** Distinct matched terms in order of appearance, a term inside a longer one of its category left out. */
function distinctTerms(matches: TermMatch[]): string[] {
  return [...new Set(withoutNested(matches).map((m) => m.term.term))];
}
