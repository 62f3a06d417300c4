/**
 * How a word is read: which letters each of its units becomes in the native and
 * the ASCII view. A word of Latin letters and look-alikes reads as Latin ("сhild"
 * with a Cyrillic с is "child"); a Cyrillic word reads as Cyrillic even where Latin
 * letters or digits were typed into it ("дeтcкoe", "п0рн0"); any other word keeps
 * its own letters beside their transliteration. The normaliser reads a run of
 * spaced-out single letters ("д.е.т.с.к.о.е") as one word, so the run decides.
 */
import { type CharUnit, UnitScript } from "./char-units.js";
import { cyrillicLookAlike } from "./confusables.js";

/** Which letters a word is written with in a view. */
export enum Letters {
  /** Every letter's Latin look-alike: the word reads as Latin. */
  LookAlike = 0,
  /** Each letter in its own script. */
  Native = 1,
  /** The ASCII transliteration. */
  Ascii = 2,
  /** A Cyrillic word: Latin letters and digits typed into it read as Cyrillic. */
  Cyrillic = 3,
}

export interface WordReading {
  /** Every letter is Latin or looks like it: both views show the Latin reading. */
  latin: boolean;
  native: Letters;
  ascii: Letters;
  /** Index of the word's first unit that is not a digit ("13лет": 2). */
  firstLetter: number;
}

/** Reads units [from, to) as one word into `out` (reused: this runs for every word of every name). */
export function readWord(
  units: readonly CharUnit[],
  from: number,
  to: number,
  out: WordReading,
): WordReading {
  let latin = true;
  let cyrillic = false;
  let firstLetter = to;
  for (let i = from; i < to; i++) {
    const script = units[i].script;
    if (units[i].lookAlike === null) latin = false;
    if (script === UnitScript.Cyrillic) cyrillic = true;
    if (script !== UnitScript.Digit && i < firstLetter) firstLetter = i;
  }
  out.latin = latin;
  out.native = latin ? Letters.LookAlike : cyrillic ? Letters.Cyrillic : Letters.Native;
  out.ascii = latin ? Letters.LookAlike : Letters.Ascii;
  out.firstLetter = firstLetter;
  return out;
}

export function newReading(): WordReading {
  return { latin: true, native: Letters.LookAlike, ascii: Letters.LookAlike, firstLetter: 0 };
}

/**
 * The letters unit i shows under a reading. In a Cyrillic word a Latin letter
 * becomes the Cyrillic one it stands for, and so does a digit after the word's
 * first letter ("п00рн0"), so a number the word starts with ("13лет") stays one.
 */
export function letterOf(u: CharUnit, i: number, letters: Letters, firstLetter: number): string {
  switch (letters) {
    case Letters.LookAlike:
      return u.lookAlike!;
    case Letters.Ascii:
      return u.ascii;
    case Letters.Cyrillic:
      if (u.script === UnitScript.Latin || (u.script === UnitScript.Digit && i > firstLetter))
        return cyrillicLookAlike(u.native) ?? u.native;
      return u.native;
    default:
      return u.native;
  }
}

/** Latin letters next to a script written without spaces ("萝莉porn"): a word edge. */
export function scriptEdge(a: UnitScript, b: UnitScript): boolean {
  return (
    (a === UnitScript.Latin && b === UnitScript.Unsegmented) ||
    (a === UnitScript.Unsegmented && b === UnitScript.Latin)
  );
}
