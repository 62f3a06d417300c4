/**
 * A text as the matcher reads it: words squashed together (separators removed,
 * their places kept as word edges), each position a match key with the run of
 * equal letters it stands for and the span of the original text it came from.
 * Squashing makes "child porn", "child_porn", "c h i l d porn" and "childporn"
 * the same letters; the edges let a term demand whole words.
 */
export interface TextView {
  /** Match keys (see `matchKey`), one per position. */
  keys: number[];
  /** How many equal keys each position stands for ("teeeen" is t,e×4,n). */
  runs: number[];
  /** Start (inclusive) and end (exclusive) of each position in the original text, UTF-16 offsets. */
  starts: number[];
  ends: number[];
  /** What each position shows in the normalised form (a repeated letter at most twice). */
  shown: string[];
  /** edges[k] = 1 when a word starts or ends between position k-1 and k (length + 1 entries). */
  edges: number[];
}

/**
 * Match keys fold what writers use interchangeably: leetspeak digits to letters
 * (0→o, 1→i, 3→e, 4→a, 5→s, 7→t, 8→b, 9→g) and l to i (l, I, 1, | and ! all
 * draw one stroke). Terms go through the same fold, so "l0l1ta" and "lolita"
 * meet; the normalised form keeps the letters as written. A lowercase i and l
 * are still different letters: the matcher rejects a hit where one stands for the
 * other ("meiden" is not "melden"), see `strokeClash`.
 */
const KEYS: Uint16Array = (() => {
  const keys = new Uint16Array(128);
  for (let c = 0; c < 128; c++) keys[c] = c;
  const folds: Record<string, string> = {
    l: "i",
    I: "i",
    0: "o",
    1: "i",
    3: "e",
    4: "a",
    5: "s",
    7: "t",
    8: "b",
    9: "g",
  };
  for (const [from, to] of Object.entries(folds)) keys[from.charCodeAt(0)] = to.charCodeAt(0);
  return keys;
})();

export function matchKey(code: number): number {
  return code < 128 ? KEYS[code] : code;
}

/**
 * Whether a text position and a term position hold a lowercase i against a
 * lowercase l (shown letters; a collapsed run's letters all alike). Strokes that
 * may be either (I, 1, |, !) never clash.
 */
export function strokeClash(textShown: string, termShown: string): boolean {
  const a = strokeLetter(textShown);
  const b = strokeLetter(termShown);
  return a !== 0 && b !== 0 && a !== b;
}

function strokeLetter(shown: string): number {
  const first = shown.charCodeAt(0);
  if (first !== 0x69 && first !== 0x6c) return 0; // neither i nor l
  for (let i = 1; i < shown.length; i++) if (shown.charCodeAt(i) !== first) return 0;
  return first;
}

/** Builds one view word by word. */
export class TextViewBuilder {
  readonly view: TextView = { keys: [], runs: [], starts: [], ends: [], shown: [], edges: [0] };
  private wordStart = 0;
  private previousWasSingle = false;
  /** The separator of the current run of joined one-letter words. */
  private joinGap: string | null = null;

  /** A builder holding a copy of this one's view and state, to go on from here separately. */
  copy(): TextViewBuilder {
    const other = new TextViewBuilder();
    const v = this.view;
    Object.assign(other.view, {
      keys: v.keys.slice(),
      runs: v.runs.slice(),
      starts: v.starts.slice(),
      ends: v.ends.slice(),
      shown: v.shown.slice(),
      edges: v.edges.slice(),
    });
    other.wordStart = this.wordStart;
    other.previousWasSingle = this.previousWasSingle;
    other.joinGap = this.joinGap;
    return other;
  }

  beginWord(): void {
    this.wordStart = this.view.keys.length;
    this.view.edges[this.wordStart] = 1;
  }

  /** Appends letters; a letter equal (by key) to the one before in the word extends its run. */
  add(letters: string, start: number, end: number, collapse: boolean): void {
    const v = this.view;
    for (let i = 0; i < letters.length; i++) {
      const code = letters.charCodeAt(i);
      const key = matchKey(code);
      const last = v.keys.length - 1;
      if (collapse && last >= this.wordStart && v.keys[last] === key) {
        v.runs[last]++;
        v.ends[last] = end;
        // Show a doubled letter as two ("teeeen" → "teen") and a merged look-alike as itself.
        const shown = v.shown[last];
        if (shown.length < 3 && (v.runs[last] === 2 || shown[shown.length - 1] !== letters[i]))
          v.shown[last] += letters[i];
        continue;
      }
      v.keys.push(key);
      v.runs.push(1);
      v.starts.push(start);
      v.ends.push(end);
      v.shown.push(letters[i]);
      v.edges.push(0);
    }
  }

  /**
   * Ends the word. One-letter words are joined when the same separator stands
   * between them ("c h i l d", "c.h.i.l.d" → "child"): nobody writes real text as
   * a run of single letters. A different separator ends the run, so
   * "k.i.d.s  n.u.d.e.s" is two words.
   * The separator is text.slice(gapStart, gapEnd), read only when it matters.
   */
  endWord(joinable: boolean, text: string, gapStart: number, gapEnd: number): void {
    const v = this.view;
    const length = v.keys.length - this.wordStart;
    if (length === 0) return; // nothing shown (e.g. a letter with no transliteration)
    const single = joinable && length === 1;
    const gap = single && this.previousWasSingle ? text.slice(gapStart, gapEnd) : null;
    const joins = gap !== null && (this.joinGap === null || this.joinGap === gap);
    if (joins) {
      this.joinGap = gap;
      v.edges[this.wordStart] = 0;
      const here = this.wordStart;
      if (v.keys[here - 1] === v.keys[here]) {
        v.runs[here - 1] += v.runs[here];
        v.ends[here - 1] = v.ends[here];
        if (v.shown[here - 1].length < 2) v.shown[here - 1] += v.shown[here][0];
        v.keys.pop();
        v.runs.pop();
        v.starts.pop();
        v.ends.pop();
        v.shown.pop();
        v.edges.pop();
      }
    } else this.joinGap = null;
    this.previousWasSingle = single;
    v.edges[v.keys.length] = 1;
  }
}

/**
 * The normalised form: shown letters, a space at every word edge. A stroke kept as
 * "I" for the i/l check (capital I, |, !) is shown as the lowercase i it reads as.
 */
export function viewText(view: TextView, from = 0, to = view.keys.length): string {
  let text = "";
  for (let k = from; k < to; k++) {
    if (k > from && view.edges[k] === 1) text += " ";
    text += view.shown[k];
  }
  return text.indexOf("I") >= 0 ? text.replaceAll("I", "i") : text;
}
