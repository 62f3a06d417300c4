/**
 * normalise: text → the views the matcher reads.
 *
 * - `native`: every word in its own script, folded (NFKC, case, accents, script
 *   variants, invisibles out), except words written entirely in Latin letters and
 *   look-alikes, which become Latin ("сhild" with a Cyrillic с is "child").
 * - `ascii`: the same words transliterated to ASCII (any-ascii), so "порно" meets
 *   the Latin term "porno"; null when it would equal `native`.
 *
 * Both keep, for every position, the span of the original text it came from.
 * Linear in the input: one pass over code points, one over words.
 */
import { type CharUnit, UnitKind, unitsOf } from "./char-units.js";
import { type TextView, TextViewBuilder, viewText } from "./text-view.js";

export interface NormalisedText {
  native: TextView;
  ascii: TextView | null;
}

interface Word {
  units: CharUnit[];
  starts: number[];
  ends: number[];
  emoji: boolean;
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

/** Splits the text into words of units; emoji are words of their own. */
function words(text: string): Word[] {
  const found: Word[] = [];
  let word: Word = { units: [], starts: [], ends: [], emoji: false };
  // Letter symbols wait until we know whether a letter follows ("p@rn") or not ("wow!").
  const pending: { unit: CharUnit; start: number; end: number }[] = [];
  let flag: { unit: CharUnit; start: number; end: number } | null = null;

  const endWord = () => {
    pending.length = 0;
    if (word.units.length > 0) {
      found.push(word);
      word = { units: [], starts: [], ends: [], emoji: false };
    }
  };
  const emoji = (name: string, start: number, end: number) => {
    endWord();
    const u: CharUnit = { kind: UnitKind.Emoji, native: name, lookAlike: null, ascii: name };
    found.push({ units: [u], starts: [start], ends: [end], emoji: true });
  };
  const flushFlag = () => {
    if (flag) emoji(`:regional_${flag.unit.ascii}:`, flag.start, flag.end);
    flag = null;
  };

  const visit = (start: number): number => {
    const cp = text.codePointAt(start)!;
    const end = start + (cp > 0xffff ? 2 : 1);
    for (const u of unitsOf(cp)) {
      if (u.kind === UnitKind.Invisible) continue;
      if (u.kind === UnitKind.Emoji && u.native === "") {
        // Regional indicators pair into flags (🇩🇪 → :flag_de:).
        if (flag && flag.end === start) {
          emoji(`:flag_${(flag.unit.ascii + u.ascii).toLowerCase()}:`, flag.start, end);
          flag = null;
        } else {
          flushFlag();
          flag = { unit: u, start, end };
        }
        continue;
      }
      flushFlag();
      switch (u.kind) {
        case UnitKind.Letter:
          for (const p of pending) pushUnit(word, p.unit, p.start, p.end);
          pending.length = 0;
          pushUnit(word, u, start, end);
          break;
        case UnitKind.LetterSymbol:
          pending.push({ unit: u, start, end });
          break;
        case UnitKind.Emoji:
          emoji(u.native, start, end);
          break;
        default:
          endWord();
      }
    }
    return end;
  };

  if (text.indexOf("\u202e") >= 0) for (const start of readingOrder(text)) visit(start);
  else for (let i = 0; i < text.length; ) i = visit(i);
  flushFlag();
  endWord();
  return found;
}

function pushUnit(word: Word, unit: CharUnit, start: number, end: number): void {
  word.units.push(unit);
  word.starts.push(start);
  word.ends.push(end);
}

/** A word is read as Latin when every letter is Latin or looks like one. */
function looksLatin(word: Word): boolean {
  for (const u of word.units) if (u.lookAlike === null) return false;
  return true;
}

function build(text: string, found: Word[], latin: boolean[], script: "native" | "ascii"): TextView {
  const builder = new TextViewBuilder();
  for (let w = 0; w < found.length; w++) {
    const word = found[w];
    builder.beginWord();
    for (let i = 0; i < word.units.length; i++) {
      const u = word.units[i];
      const letters = latin[w] ? u.lookAlike! : script === "native" ? u.native : u.ascii;
      builder.add(letters, word.starts[i], word.ends[i], !word.emoji);
    }
    const gap = w === 0 ? "" : text.slice(found[w - 1].ends[found[w - 1].ends.length - 1], word.starts[0]);
    builder.endWord(!word.emoji, gap);
  }
  return builder.view;
}

export function normalise(text: string): NormalisedText {
  const found = words(text);
  const latin = found.map((w) => !w.emoji && looksLatin(w));
  const native = build(text, found, latin, "native");
  const needsAscii = found.some((w, i) => !latin[i] && !w.emoji);
  return { native, ascii: needsAscii ? build(text, found, latin, "ascii") : null };
}

/** The normalised form of a text as one string (words separated by single spaces). */
export function normalisedForm(text: NormalisedText): { native: string; ascii: string | null } {
  return { native: viewText(text.native), ascii: text.ascii ? viewText(text.ascii) : null };
}
