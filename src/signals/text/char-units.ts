/**
 * What one code point becomes before words are formed: zero or more units, each a
 * letter in its own script (`native`), its Latin look-alike (`lookAlike`, or null),
 * its ASCII transliteration (`ascii`), or a separator, an invisible, a symbol that
 * may stand for a letter, or an emoji with its name. Pure and cached per code point,
 * so the cost of Unicode property tests and NFKC is paid once per distinct character.
 */
import anyAscii from "any-ascii";
import { latinLookAlike } from "./confusables.js";
import { foldScriptVariant, isSpellingMark, isStretcher, isUnsegmentedScript } from "./script-folds.js";

export enum UnitKind {
  /** A letter or digit: part of a word. */
  Letter = 0,
  /** Space or punctuation: ends a word. */
  Separator = 1,
  /** Invisible: zero-width characters, bidi controls, variation selectors, decorative marks. */
  Invisible = 2,
  /** A symbol that stands for a letter when a word goes on after it ("p@rn", "$ex"). */
  LetterSymbol = 3,
  /** An emoji: a word of its own, written `:name:`. */
  Emoji = 4,
}

/** What the normaliser needs to know of a letter's script. */
export enum UnitScript {
  /** Latin letters, and symbols read as Latin letters. */
  Latin = 0,
  /** Digits of any script (written as ASCII digits). */
  Digit = 1,
  Cyrillic = 2,
  /** Written without spaces between words: Han, kana, Thai, Lao, Khmer, Myanmar. */
  Unsegmented = 3,
  Other = 4,
}

export interface CharUnit {
  kind: UnitKind;
  script: UnitScript;
  /** Lowercase, accents removed, script variants folded; Latin letters as ASCII. */
  native: string;
  /** The ASCII Latin letter(s) it looks like or is, or null for other scripts' letters. */
  lookAlike: string | null;
  /** ASCII transliteration (lowercase letters and digits only). */
  ascii: string;
}

function unit(
  kind: UnitKind,
  native = "",
  lookAlike: string | null = null,
  ascii = "",
  script = UnitScript.Other,
): CharUnit {
  return { kind, script, native, lookAlike, ascii };
}

function scriptOf(cp: number): UnitScript {
  if (cp >= 0x0400 && cp <= 0x052f) return UnitScript.Cyrillic;
  return isUnsegmentedScript(cp) ? UnitScript.Unsegmented : UnitScript.Other;
}

const SEPARATOR = [unit(UnitKind.Separator)];
const INVISIBLE = [unit(UnitKind.Invisible)];

/**
 * Symbols used as letters in leetspeak (the digits are folded in match keys instead).
 * A single stroke (! | ¡) is written "I": it may stand for i or l (see text-view.ts).
 */
const LETTER_SYMBOLS: Record<string, string> = {
  "@": "a",
  $: "s",
  "!": "I",
  "|": "I",
  "€": "e",
  "¢": "c",
  "©": "c",
  "®": "r",
  "£": "l",
  "¡": "I",
};

const ASCII_UNITS: CharUnit[][] = Array.from({ length: 128 }, (_, c) => {
  const ch = String.fromCharCode(c);
  if (c >= 0x61 && c <= 0x7a) return [unit(UnitKind.Letter, ch, ch, ch, UnitScript.Latin)];
  // Capital I stays "I": it is drawn like l in most fonts, so it may stand for either.
  if (c === 0x49) return [unit(UnitKind.Letter, "I", "I", "i", UnitScript.Latin)];
  if (c >= 0x41 && c <= 0x5a) {
    const lower = ch.toLowerCase();
    return [unit(UnitKind.Letter, lower, lower, lower, UnitScript.Latin)];
  }
  if (c >= 0x30 && c <= 0x39) return [unit(UnitKind.Letter, ch, ch, ch, UnitScript.Digit)];
  const symbol = LETTER_SYMBOLS[ch];
  if (symbol) return [unit(UnitKind.LetterSymbol, symbol, symbol, symbol, UnitScript.Latin)];
  // C0 controls other than whitespace carry nothing visible: treat as invisible.
  if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return INVISIBLE;
  if (c === 0x7f) return INVISIBLE;
  return SEPARATOR;
});

const cache = new Map<number, CharUnit[]>();

/** The units of one code point (lone surrogates included, as invisibles). */
export function unitsOf(codePoint: number): CharUnit[] {
  if (codePoint < 128) return ASCII_UNITS[codePoint];
  let units = cache.get(codePoint);
  if (units === undefined) {
    units = computeUnits(codePoint, true);
    // The cache is bounded by the number of code points (~1.1M), in practice a few thousand.
    cache.set(codePoint, units);
  }
  return units;
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const MARK = /^\p{M}$/u;
const FORMAT = /^\p{Cf}$/u;
const PICTOGRAPH = /^\p{Extended_Pictographic}$/u;
const MODIFIER = /^\p{Emoji_Modifier}$/u;
const LATIN = /^\p{Script=Latin}$/u;
const MARKS = /\p{M}/gu;
const NOT_ALNUM = /[^a-z0-9]/g;

function asciiOf(text: string): string {
  return anyAscii(text).toLowerCase().replace(NOT_ALNUM, "");
}

function computeUnits(cp: number, nfkc: boolean): CharUnit[] {
  if (cp >= 0xd800 && cp <= 0xdfff) return INVISIBLE; // a lone surrogate: garbage, not a word break
  const ch = String.fromCodePoint(cp);
  const symbol = LETTER_SYMBOLS[ch];
  if (symbol) return [unit(UnitKind.LetterSymbol, symbol, symbol, symbol, UnitScript.Latin)];
  // Regional indicators (🇩 🇪) are paired into flags by the normaliser; ascii holds the letter.
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff)
    return [unit(UnitKind.Emoji, "", null, String.fromCharCode(97 + cp - 0x1f1e6))];
  // Squared and negative circled/squared Latin capitals (🄲 🅒 🅲): letters dressed as emoji.
  if (cp >= 0x1f130 && cp <= 0x1f189) {
    const letter = asciiOf(ch);
    return [unit(UnitKind.Letter, letter, letter, letter, UnitScript.Latin)];
  }
  if (isStretcher(cp) || MODIFIER.test(ch) || FORMAT.test(ch)) return INVISIBLE;
  // Blank-looking letters and symbols used as spaces.
  if (cp === 0x3164 || cp === 0x115f || cp === 0x1160 || cp === 0xffa0 || cp === 0x2800) return SEPARATOR;
  if (MARK.test(ch)) {
    return isSpellingMark(cp)
      ? [unit(UnitKind.Letter, foldScriptVariant(ch), null, asciiOf(ch), scriptOf(cp))]
      : INVISIBLE;
  }
  if (PICTOGRAPH.test(ch) && ch.normalize("NFKC") === ch) {
    const name = anyAscii(ch);
    return name.length > 2 && name.startsWith(":") ? [unit(UnitKind.Emoji, name, null, name)] : SEPARATOR;
  }
  if (nfkc) {
    // NFKC folds fullwidth, mathematical, enclosed and compatibility forms (𝐜, ｃ, ⓒ, ﬁ).
    const folded = ch.normalize("NFKC");
    if (folded !== ch) {
      const units: CharUnit[] = [];
      for (const part of folded) {
        const c = part.codePointAt(0)!;
        units.push(...(c < 128 ? ASCII_UNITS[c] : computeUnits(c, false)));
      }
      return units;
    }
  }
  if (!LETTER_OR_NUMBER.test(ch)) return SEPARATOR;
  return letterUnits(cp, ch);
}

function letterUnits(cp: number, ch: string): CharUnit[] {
  const ascii = asciiOf(ch);
  // Look-alikes are judged on the letter as written (Cyrillic В looks like B, в does not).
  const lookAlike = latinLookAlike(cp);
  if (/^\p{Nd}$/u.test(ch)) return [unit(UnitKind.Letter, ascii, ascii, ascii, UnitScript.Digit)];
  // Case folding, then accents off: NFD splits é into e + U+0301, which is dropped.
  const lower = ch.toLowerCase().normalize("NFD").replace(MARKS, "");
  if (LATIN.test(ch)) {
    // Latin letters outside ASCII (ø, ł, ß, ɑ, small capitals) are written in ASCII.
    const latin = asciiOf(lower) || lower;
    return [unit(UnitKind.Letter, latin, latin, latin, UnitScript.Latin)];
  }
  const units: CharUnit[] = [];
  const script = scriptOf(cp);
  for (const part of lower)
    units.push(unit(UnitKind.Letter, foldScriptVariant(part), null, asciiOf(part), script));
  if (lookAlike !== undefined && units.length === 1) units[0].lookAlike = lookAlike;
  if (units.length === 0) return INVISIBLE;
  return units;
}
