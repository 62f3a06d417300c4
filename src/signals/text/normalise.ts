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
import { type CharUnit, UnitKind, unitsOf } from "./char-units.js";
import { type TextView, TextViewBuilder, viewText } from "./text-view.js";
import {
  type Letters,
  letterOf,
  newReading,
  readWord,
  scriptEdge,
  type WordReading,
} from "./word-reading.js";

export interface NormalisedText {
  native: TextView;
  ascii: TextView | null;
  /** The original text, whose UTF-16 offsets the views' spans are. */
  text: string;
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
  /** One-letter words waiting to be read as one run, and the separator between them. */
  private singles: { unit: CharUnit; start: number; end: number; gapStart: number }[] = [];
  private singleGap = "";
  private readonly reading = newReading();

  constructor(private readonly text: string) {}

  run(): NormalisedText {
    const { text } = this;
    if (text.indexOf("\u202e") >= 0) for (const start of readingOrder(text)) this.visit(start);
    else for (let i = 0; i < text.length; ) i = this.visit(i);
    this.flushFlag();
    this.endWord();
    this.flushSingles();
    return { native: this.native.view, ascii: this.ascii ? this.ascii.view : null, text };
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
    this.flushSingles();
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

  /**
   * Writes the current word to the views (pending letter symbols are left alone).
   * A one-letter word waits in the run of single letters it may be joined to.
   */
  private finishWord(): void {
    const n = this.count;
    if (n === 0) return;
    this.count = 0;
    if (n === 1) {
      this.addSingle(this.units[0], this.starts[0], this.ends[0]);
      return;
    }
    this.flushSingles();
    const reading = readWord(this.units, 0, n, this.reading);
    this.emit(this.units, this.starts, this.ends, 0, n, this.lastEnd, reading);
    this.lastEnd = this.ends[n - 1];
  }

  /**
   * One-letter words separated by the same separator are joined into one word by
   * the view builder ("c h i l d"); they are kept here until the run ends so the
   * run is read as one word: "д.е.т.с.к.о.е" is Cyrillic although е, с, к, о, е
   * alone would each read as Latin.
   */
  private addSingle(unit: CharUnit, start: number, end: number): void {
    const gap = this.text.slice(this.lastEnd, start);
    if (this.singles.length >= 2 && gap !== this.singleGap) this.flushSingles();
    if (this.singles.length === 1) this.singleGap = gap;
    this.singles.push({ unit, start, end, gapStart: this.lastEnd });
    this.lastEnd = end;
  }

  private flushSingles(): void {
    const run = this.singles;
    if (run.length === 0) return;
    const units = run.map((s) => s.unit);
    const starts = run.map((s) => s.start);
    const ends = run.map((s) => s.end);
    const reading = readWord(units, 0, units.length, this.reading);
    for (let i = 0; i < run.length; i++) this.emit(units, starts, ends, i, i + 1, run[i].gapStart, reading);
    this.singles = [];
  }

  /** Writes units [from, to) as one word to both views, under the reading of the word they belong to. */
  private emit(
    units: readonly CharUnit[],
    starts: readonly number[],
    ends: readonly number[],
    from: number,
    to: number,
    gapStart: number,
    reading: WordReading,
  ): void {
    if (!reading.latin && !this.ascii) this.ascii = this.native.copy();
    this.emitTo(this.native, reading.native, units, starts, ends, from, to, gapStart, reading.firstLetter);
    if (this.ascii)
      this.emitTo(this.ascii, reading.ascii, units, starts, ends, from, to, gapStart, reading.firstLetter);
  }

  private emitTo(
    builder: TextViewBuilder,
    letters: Letters,
    units: readonly CharUnit[],
    starts: readonly number[],
    ends: readonly number[],
    from: number,
    to: number,
    gapStart: number,
    firstLetter: number,
  ): void {
    builder.beginWord();
    for (let i = from; i < to; i++)
      builder.add(letterOf(units[i], i, letters, firstLetter), starts[i], ends[i], true);
    builder.endWord(true, this.text, gapStart, starts[from]);
  }
}

export function normalise(text: string): NormalisedText {
  return new Normaliser(text).run();
}

/** The normalised form of a text as one string (words separated by single spaces). */
export function normalisedForm(text: NormalisedText): { native: string; ascii: string | null } {
  return { native: viewText(text.native), ascii: text.ascii ? viewText(text.ascii) : null };
}
