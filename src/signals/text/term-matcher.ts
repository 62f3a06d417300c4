/**
 * match: finds lexicon terms in a normalised text. Terms are normalised exactly
 * like texts, so whatever folding the text gets, the term gets too; one automaton
 * holds every term and runs over each view once; each hit is then checked against
 * the term's match mode (word edges) and its letter runs ("teen" needs two e's, so
 * "ten" is not "teen" although both squash to t-e-n).
 */
import { AhoCorasick } from "./aho-corasick.js";
import type { Lexicon, LexiconTerm } from "./lexicon.js";
import { type NormalisedText, normalise } from "./normalise.js";
import type { TextView } from "./text-view.js";

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
}

/** At most this many hits are kept per text, so a hostile text cannot grow the answer without bound. */
export const MAX_MATCHES = 1000;

export class TermMatcher {
  private readonly automaton: AhoCorasick;
  /** Per pattern (distinct key sequence): its length and the terms that share it. */
  private readonly patternLength: number[] = [];
  private readonly patternTerms: CompiledTerm[][] = [];
  /** Terms that normalise to nothing (e.g. only punctuation) and can never match. */
  readonly unmatchable: LexiconTerm[] = [];

  constructor(readonly lexicon: Lexicon) {
    const patterns: number[][] = [];
    const byKeys = new Map<string, number>();
    for (const term of lexicon.terms) {
      const view = normalise(term.term).native;
      if (view.keys.length === 0) {
        this.unmatchable.push(term);
        continue;
      }
      const id = String.fromCharCode(...view.keys);
      let p = byKeys.get(id);
      if (p === undefined) {
        p = patterns.length;
        byKeys.set(id, p);
        patterns.push(view.keys);
        this.patternLength.push(view.keys.length);
        this.patternTerms.push([]);
      }
      this.patternTerms[p].push({ term, runs: view.runs });
    }
    this.automaton = new AhoCorasick(patterns);
  }

  get states(): number {
    return this.automaton.states;
  }

  get byteLength(): number {
    return this.automaton.byteLength;
  }

  /** Every valid hit in either view, once per term and original span. */
  match(text: NormalisedText): { matches: TermMatch[]; truncated: boolean } {
    const matches: TermMatch[] = [];
    const seen = new Set<string>();
    let truncated = false;
    const scan = (view: TextView, name: TermMatch["view"]) => {
      this.automaton.scan(view.keys, (pattern, to) => {
        const from = to - this.patternLength[pattern];
        for (const compiled of this.patternTerms[pattern]) {
          if (!fits(view, from, to, compiled)) continue;
          const start = view.starts[from];
          const end = view.ends[to - 1];
          const id = `${compiled.term.source}|${compiled.term.term}|${start}|${end}`;
          if (seen.has(id)) continue;
          if (matches.length >= MAX_MATCHES) {
            truncated = true;
            return;
          }
          seen.add(id);
          matches.push({ term: compiled.term, view: name, from, to, start, end });
        }
      });
    };
    scan(text.native, "native");
    if (text.ascii) scan(text.ascii, "ascii");
    return { matches, truncated };
  }
}

/** The hit respects the term's match mode and its repeated letters. */
function fits(view: TextView, from: number, to: number, compiled: CompiledTerm): boolean {
  const { edges, runs } = view;
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
  const need = compiled.runs;
  for (let k = 0; k < need.length; k++) if (runs[from + k] < need[k]) return false;
  return true;
}
