/**
 * normalise: text → the views the matcher reads.
 *
 * - `native`: every word in its own script, folded (NFKC, case, accents, script
 *   variants, invisibles out), except words written entirely in Latin letters and
 *   look-alikes, which become Latin ("сhild" with a Cyrillic с is "child").
 *   Latin letters and digits typed into a Cyrillic word are read as the Cyrillic
 *   letters they stand for ("дeтcкoe" with Latin e, c, o is "детское").
 * - `ascii`: the same words transliterated to ASCII (any-ascii), so "порно" meets
 *   the Latin term "porno"; null when it would equal `native`.
 *
 * A change between Latin letters and a script written without spaces (Han,
 * kana, Thai...) ends a word: "萝莉porn" is "萝莉 porn".
 *
 * Both keep, for every position, the span of the original text it came from.
 * Linear in the input: one pass over code points, one over words.
 */
import { type CharUnit, UnitKind, UnitScript, unitsOf } from "./char-units.js";
import { cyrillicLookAlike } from "./confusables.js";
import { type TextView, TextViewBuilder, viewText } from "./text-view.js";

export interface NormalisedText {
  native: TextView;
  ascii: TextView | null;
}

const RLO = 0x202e;
const BIDI_ENDS = new Set([0x202c, 0x2069, 0x0a, 0x0d]);

/**
 * Code point offsets in the order a reader sees them. A right-to-left override
 * (U+202E) displays the Latin text after it backwards, so "‮nrop" reads "porn":
 * each overridden run is reversed up to its pop (PDF, PDI) or the line's end.
 */
function readingOrder(text: string): number[] {
  const offsets: number[] = [];
  let reversedFrom = -1;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    if (cp === RLO && reversedFrom < 0) reversedFrom = offsets.length;
    else if (reversedFrom >= 0 && BIDI_ENDS.has(cp)) {
      reverse(offsets, reversedFrom);
      reversedFrom = -1;
    }
    offsets.push(i);
    i += cp > 0xffff ? 2 : 1;
  }
  if (reversedFrom >= 0) reverse(offsets, reversedFrom);
  return offsets;
}

function reverse(list: number[], from: number): void {
  for (let a = from, b = list.length - 1; a < b; a++, b--) [list[a], list[b]] = [list[b], list[a]];
}

/**
 * One pass over the code points: letters gather into the current word; at its end
 * the word is written to the native view and, once any word needed
 * transliteration, to the ASCII view (which starts as a copy of the native one:
 * until then the two are equal). No objects per word: this runs for every name.
 */
class Normaliser {
  private readonly native = new TextViewBuilder();
  private ascii: TextViewBuilder | null = null;
  // The current word.
  private readonly units: CharUnit[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private count = 0;
  // Letter symbols wait until we know whether a letter follows ("p@rn") or not ("wow!").
  private readonly pendingUnits: CharUnit[] = [];
  private readonly pendingStarts: number[] = [];
  private readonly pendingEnds: number[] = [];
  private pending = 0;
  // A regional indicator waiting for its pair (🇩🇪 → :flag_de:).
  private flag: CharUnit | null = null;
  private flagStart = 0;
  private flagEnd = 0;
  /** Where the last word ended in the text, for the separator before the next one. */
  private lastEnd = 0;
  /** Index of the current word's first unit that is not a digit. */
  private firstLetter = 0;

  constructor(private readonly text: string) {}

  run(): NormalisedText {
    const { text } = this;
    if (text.indexOf("\u202e") >= 0) for (const start of readingOrder(text)) this.visit(start);
    else for (let i = 0; i < text.length; ) i = this.visit(i);
    this.flushFlag();
    this.endWord();
    return { native: this.native.view, ascii: this.ascii ? this.ascii.view : null };
  }

  private visit(start: number): number {
    const cp = this.text.codePointAt(start)!;
    const end = start + (cp > 0xffff ? 2 : 1);
    const units = unitsOf(cp);
    for (let u = 0; u < units.length; u++) {
      const unit = units[u];
      switch (unit.kind) {
        case UnitKind.Invisible:
          break;
        case UnitKind.Letter:
          if (this.flag) this.flushFlag();
          for (let p = 0; p < this.pending; p++)
            this.push(this.pendingUnits[p], this.pendingStarts[p], this.pendingEnds[p]);
          this.pending = 0;
          this.push(unit, start, end);
          break;
        case UnitKind.LetterSymbol:
          if (this.flag) this.flushFlag();
          this.pendingUnits[this.pending] = unit;
          this.pendingStarts[this.pending] = start;
          this.pendingEnds[this.pending] = end;
          this.pending++;
          break;
        case UnitKind.Emoji:
          if (unit.native === "") this.regionalIndicator(unit, start, end);
          else {
            if (this.flag) this.flushFlag();
            this.emoji(unit.native, start, end);
          }
          break;
        default:
          if (this.flag) this.flushFlag();
          this.endWord();
      }
    }
    return end;
  }

  private push(unit: CharUnit, start: number, end: number): void {
    if (this.count > 0 && scriptEdge(this.units[this.count - 1].script, unit.script)) this.finishWord();
    this.units[this.count] = unit;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  private regionalIndicator(unit: CharUnit, start: number, end: number): void {
    if (this.flag && this.flagEnd === start) {
      const name = `:flag_${this.flag.ascii}${unit.ascii}:`;
      const from = this.flagStart;
      this.flag = null;
      this.emoji(name, from, end);
      return;
    }
    if (this.flag) this.flushFlag();
    this.flag = unit;
    this.flagStart = start;
    this.flagEnd = end;
  }

  private flushFlag(): void {
    const flag = this.flag;
    if (!flag) return;
    this.flag = null;
    this.emoji(`:regional_${flag.ascii}:`, this.flagStart, this.flagEnd);
  }

  /** An emoji is a word of its own, never joined or collapsed. */
  private emoji(name: string, start: number, end: number): void {
    this.endWord();
    this.write(this.native, name, start, end);
    if (this.ascii) this.write(this.ascii, name, start, end);
    this.lastEnd = end;
  }

  private write(builder: TextViewBuilder, name: string, start: number, end: number): void {
    builder.beginWord();
    builder.add(name, start, end, false);
    builder.endWord(false, this.text, this.lastEnd, start);
  }

  private endWord(): void {
    this.pending = 0;
    this.finishWord();
  }

  /** Writes the current word to the views (pending letter symbols are left alone). */
  private finishWord(): void {
    const n = this.count;
    if (n === 0) return;
    this.count = 0;
    // A word is read as Latin when every letter is Latin or looks like one.
    let latin = true;
    let cyrillic = false;
    this.firstLetter = n;
    for (let i = 0; i < n; i++) {
      const script = this.units[i].script;
      if (this.units[i].lookAlike === null) latin = false;
      if (script === UnitScript.Cyrillic) cyrillic = true;
      if (script !== UnitScript.Digit && i < this.firstLetter) this.firstLetter = i;
    }
    if (!latin && !this.ascii) this.ascii = this.native.copy();
    this.emitWord(this.native, latin ? Letters.LookAlike : cyrillic ? Letters.Cyrillic : Letters.Native, n);
    if (this.ascii) this.emitWord(this.ascii, latin ? Letters.LookAlike : Letters.Ascii, n);
    this.lastEnd = this.ends[n - 1];
  }

  private emitWord(builder: TextViewBuilder, letters: Letters, n: number): void {
    builder.beginWord();
    for (let i = 0; i < n; i++) {
      const u = this.units[i];
      builder.add(
        letters === Letters.LookAlike
          ? u.lookAlike!
          : letters === Letters.Ascii
            ? u.ascii
            : letters === Letters.Cyrillic
              ? this.asCyrillic(u, i)
              : u.native,
        this.starts[i],
        this.ends[i],
        true,
      );
    }
    builder.endWord(true, this.text, this.lastEnd, this.starts[0]);
  }

  /**
   * A letter of a Cyrillic word: a Latin letter as the Cyrillic one it stands for;
   * a digit too, but only after the word's first letter ("п00рн0"), so a number
   * the word starts with ("13лет") stays a number.
   */
  private asCyrillic(u: CharUnit, i: number): string {
    if (u.script === UnitScript.Latin || (u.script === UnitScript.Digit && i > this.firstLetter))
      return cyrillicLookAlike(u.native) ?? u.native;
    return u.native;
  }
}

/** Which letters a word is written with in a view. */
const enum Letters {
  /** Every letter's Latin look-alike: the word reads as Latin. */
  LookAlike = 0,
  /** Each letter in its own script. */
  Native = 1,
  /** The ASCII transliteration. */
  Ascii = 2,
  /** A Cyrillic word: Latin letters and digits typed into it read as Cyrillic. */
  Cyrillic = 3,
}

/** Latin letters next to a script written without spaces: a word edge. */
function scriptEdge(a: UnitScript, b: UnitScript): boolean {
  return (
    (a === UnitScript.Latin && b === UnitScript.Unsegmented) ||
    (a === UnitScript.Unsegmented && b === UnitScript.Latin)
  );
}

export function normalise(text: string): NormalisedText {
  return new Normaliser(text).run();
}

/** The normalised form of a text as one string (words separated by single spaces). */
export function normalisedForm(text: NormalisedText): { native: string; ascii: string | null } {
  return { native: viewText(text.native), ascii: text.ascii ? viewText(text.ascii) : null };
}
