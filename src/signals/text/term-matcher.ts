/**
 * match: finds lexicon terms in a normalised text. Terms are normalised exactly
 * like texts, so whatever folding the text gets, the term gets too; one automaton
 * holds every term and runs over each view once; each hit is then checked against
 * the term's match mode (word edges) and its letter runs ("teen" needs two e's, so
 * "ten" is not "teen" although both squash to t-e-n). Numbers match whole: "3 years
 * old" is not found in "33 years old", nor "8岁" in "18岁".
 *
 * A Cyrillic term is also compiled in its transliteration ("детское" as "detskoe"),
 * so Russian and Ukrainian written in Latin letters, and Cyrillic words with Latin
 * letters mixed in, meet the Cyrillic lists. Only Cyrillic: any-ascii's Cyrillic
 * is how people romanise it, while its Devanagari or Arabic ("bcce" for बच्चे) is
 * not, so those lexicons list their romanised forms as terms. A short
 * transliteration is a word of other languages too ("gola", "minet", "intim" of
 * "intimate"), so below MIN_LATIN_TWIN_KEYS letters it counts only where the
 * matched text has Cyrillic in it (a mixed word such as "гoлa").
 */
import { AhoCorasick } from "./aho-corasick.js";
import type { Lexicon, LexiconTerm } from "./lexicon.js";
import { type NormalisedText, normalise } from "./normalise.js";
import { strokeClash, type TextView } from "./text-view.js";

export interface TermMatch {
  term: LexiconTerm;
  /** The view it was found in: `ascii` means through transliteration. */
  view: "native" | "ascii";
  /** Positions in that view, [from, to). */
  from: number;
  to: number;
  /** Span in the original text, UTF-16 offsets [start, end). */
  start: number;
  end: number;
}

interface CompiledTerm {
  term: LexiconTerm;
  runs: number[];
  /** The letters each position shows (for the i/l check). */
  shown: string[];
  /** Whether the pattern's first and last positions are digits. */
  digitStart: boolean;
  digitEnd: boolean;
  /** Per position: a digit, whose run must be matched exactly ("33" is not "3"). */
  digits: boolean[];
  /** A short transliteration of a Cyrillic term: it needs Cyrillic in the matched text. */
  needsCyrillic: boolean;
}

/** Transliterations shorter than this are not compiled ("цп" as "tsp" would meet recipes). */
const MIN_TRANSLITERATED_KEYS = 4;
/** Transliterations shorter than this match only text with Cyrillic letters in the span. */
const MIN_LATIN_TWIN_KEYS = 6;
const CYRILLIC = /[\u0400-\u052f]/;
const DIGIT = /^[0-9]/;

/** At most this many hits are kept per text, so a hostile text cannot grow the answer without bound. */
export const MAX_MATCHES = 1000;

export class TermMatcher {
  /**
   * Two automata, because a dense transition table is states × alphabet: the
   * patterns of ASCII keys (most states, a few dozen symbols) and those with other
   * scripts' letters (hundreds of Han, kana, Indic symbols, fewer states), which
   * only texts with such letters need. Each maps its pattern numbers to ours.
   */
  private readonly narrow: AhoCorasick;
  private readonly narrowIds: number[] = [];
  private readonly wide: AhoCorasick;
  private readonly wideIds: number[] = [];
  /** Per pattern (distinct key sequence): its length and the terms that share it. */
  private readonly patternLength: number[] = [];
  private readonly patternTerms: CompiledTerm[][] = [];
  /** Terms that normalise to nothing (e.g. only punctuation) and can never match. */
  readonly unmatchable: LexiconTerm[] = [];

  constructor(readonly lexicon: Lexicon) {
    const patterns: number[][] = [];
    const byKeys = new Map<string, number>();
    const add = (term: LexiconTerm, view: TextView, twin = false) => {
      const id = String.fromCharCode(...view.keys);
      let p = byKeys.get(id);
      if (p === undefined) {
        p = patterns.length;
        byKeys.set(id, p);
        patterns.push(view.keys);
        this.patternLength.push(view.keys.length);
        this.patternTerms.push([]);
      }
      const digits = view.shown.map((shown) => DIGIT.test(shown));
      const terms = this.patternTerms[p];
      if (terms.some((c) => c.term === term)) return;
      terms.push({
        term,
        runs: view.runs,
        shown: view.shown,
        digits,
        digitStart: digits[0],
        digitEnd: digits[digits.length - 1],
        needsCyrillic: twin && view.keys.length < MIN_LATIN_TWIN_KEYS && !digits.includes(true),
      });
    };
    const twins: [LexiconTerm, TextView][] = [];
    for (const term of lexicon.terms) {
      const normalised = normalise(term.term);
      if (normalised.native.keys.length === 0) {
        this.unmatchable.push(term);
        continue;
      }
      add(term, normalised.native);
      const ascii = normalised.ascii;
      if (ascii && ascii.keys.length >= MIN_TRANSLITERATED_KEYS && CYRILLIC.test(term.term))
        twins.push([term, ascii]);
    }
    // A transliteration that another term already spells (порн as "porn") adds nothing but noise.
    for (const [term, ascii] of twins)
      if (!byKeys.has(String.fromCharCode(...ascii.keys))) add(term, ascii, true);
    const narrow: number[][] = [];
    const wide: number[][] = [];
    patterns.forEach((keys, id) => {
      const isWide = keys.some((k) => k >= 128);
      (isWide ? wide : narrow).push(keys);
      (isWide ? this.wideIds : this.narrowIds).push(id);
    });
    this.narrow = new AhoCorasick(narrow);
    this.wide = new AhoCorasick(wide);
  }

  get states(): number {
    return this.narrow.states + this.wide.states;
  }

  get byteLength(): number {
    return this.narrow.byteLength + this.wide.byteLength;
  }

  /** Every valid hit in either view, once per term and original span. */
  match(text: NormalisedText): { matches: TermMatch[]; truncated: boolean } {
    const scan: Scan = { text, view: text.native, name: "native", matches: [], truncated: false };
    this.scanView(scan);
    if (text.ascii) {
      scan.view = text.ascii;
      scan.name = "ascii";
      this.scanView(scan);
    }
    return { matches: scan.matches, truncated: scan.truncated };
  }

  // The automata call back for every occurrence; the callbacks are made once, here,
  // and read the scan in progress from `current` (match is synchronous).
  private current: Scan | null = null;
  private readonly onNarrow = (pattern: number, to: number) => this.hit(this.narrowIds[pattern], to);
  private readonly onWide = (pattern: number, to: number) => this.hit(this.wideIds[pattern], to);

  private scanView(scan: Scan): void {
    this.current = scan;
    this.narrow.scan(scan.view.keys, this.onNarrow);
    if (this.wideIds.length > 0 && hasWideKeys(scan.view.keys)) this.wide.scan(scan.view.keys, this.onWide);
    this.current = null;
  }

  private hit(pattern: number, to: number): void {
    const scan = this.current!;
    const { view, matches } = scan;
    const from = to - this.patternLength[pattern];
    for (const compiled of this.patternTerms[pattern]) {
      if (!fits(view, from, to, compiled)) continue;
      const start = view.starts[from];
      const end = view.ends[to - 1];
      if (compiled.needsCyrillic && !CYRILLIC.test(scan.text.text.slice(start, end))) continue;
      if (matches.length >= MAX_MATCHES) {
        scan.truncated = true;
        return;
      }
      if (found(matches, compiled.term, start, end)) continue;
      matches.push({ term: compiled.term, view: scan.name, from, to, start, end });
    }
  }
}

/** One text being matched: the view being scanned and the hits so far. */
interface Scan {
  text: NormalisedText;
  view: TextView;
  name: TermMatch["view"];
  matches: TermMatch[];
  truncated: boolean;
}

/**
 * The same term at the same span already kept (found in the other view, or through
 * its transliteration). A linear search: a name has a handful of hits, and
 * MAX_MATCHES bounds a hostile text.
 */
function found(matches: readonly TermMatch[], term: LexiconTerm, start: number, end: number): boolean {
  for (let i = 0; i < matches.length; i++) {
    const m = matches[i];
    if (m.term === term && m.start === start && m.end === end) return true;
  }
  return false;
}

function hasWideKeys(keys: readonly number[]): boolean {
  for (let k = 0; k < keys.length; k++) if (keys[k] >= 128) return true;
  return false;
}

/** The hit respects the term's match mode, its repeated letters and whole numbers. */
function fits(view: TextView, from: number, to: number, compiled: CompiledTerm): boolean {
  const { edges, runs, shown } = view;
  switch (compiled.term.match) {
    case "word":
      if (edges[from] !== 1 || edges[to] !== 1) return false;
      break;
    case "prefix":
      if (edges[from] !== 1) return false;
      break;
    case "inside":
      // Starting inside a word, a hit must stay in it: "expo rnb" holds no "porn".
      if (edges[from] !== 1) for (let k = from + 1; k < to; k++) if (edges[k] === 1) return false;
      break;
  }
  // A number is matched whole: no digit may continue it inside the word.
  if (compiled.digitStart && edges[from] !== 1 && DIGIT.test(shown[from - 1])) return false;
  if (compiled.digitEnd && edges[to] !== 1 && DIGIT.test(shown[to])) return false;
  const need = compiled.runs;
  const digits = compiled.digits;
  for (let k = 0; k < need.length; k++) {
    if (digits[k] ? runs[from + k] !== need[k] : runs[from + k] < need[k]) return false;
    if (strokeClash(shown[from + k], compiled.shown[k])) return false;
  }
  return true;
}
