/**
 * Letters of other scripts that look like Latin letters, and what they look like.
 * A subset of Unicode's confusables.txt (UTS #39, section 4 "Confusable Detection":
 * the skeleton mapping), kept to the Cyrillic, Greek, Armenian and Cherokee letters
 * that evasion actually uses to write Latin words ("сhild" with a Cyrillic с).
 * It is normalisation data, not a term list, so it lives beside the code.
 *
 * The normaliser applies it only to tokens whose every letter is Latin or listed
 * here: a real Russian word (which always has letters like п, д, л) keeps its script.
 * Letters drawn as one vertical stroke map to "I", which may stand for i or l.
 */
const PAIRS: Record<string, string> = {
  // Cyrillic capitals (applied before lowercasing: В looks like B, в does not).
  А: "a",
  В: "b",
  Е: "e",
  З: "3",
  К: "k",
  М: "m",
  Н: "h",
  О: "o",
  Р: "p",
  С: "c",
  Т: "t",
  У: "y",
  Х: "x",
  Ѕ: "s",
  І: "I",
  Ј: "j",
  Ү: "y",
  Ԁ: "d",
  Ԍ: "g",
  Ԛ: "q",
  Ԝ: "w",
  Ӏ: "I",
  // Cyrillic small letters.
  а: "a",
  е: "e",
  о: "o",
  р: "p",
  с: "c",
  у: "y",
  х: "x",
  ѕ: "s",
  і: "i",
  ј: "j",
  һ: "h",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  ӏ: "I",
  ү: "y",
  ь: "b",
  к: "k",
  м: "m",
  т: "t",
  ꙇ: "i",
  // Greek.
  Α: "a",
  Β: "b",
  Ε: "e",
  Ζ: "z",
  Η: "h",
  Ι: "I",
  Κ: "k",
  Μ: "m",
  Ν: "n",
  Ο: "o",
  Ρ: "p",
  Τ: "t",
  Υ: "y",
  Χ: "x",
  α: "a",
  ο: "o",
  ρ: "p",
  ν: "v",
  υ: "u",
  ι: "i",
  κ: "k",
  τ: "t",
  χ: "x",
  ϲ: "c",
  ϳ: "j",
  // Armenian.
  օ: "o",
  ս: "u",
  հ: "h",
  ո: "n",
  ց: "g",
  // Cherokee capitals often used as Latin capitals.
  Ꭺ: "a",
  Ᏼ: "b",
  Ꮯ: "c",
  Ꭰ: "d",
  Ꭼ: "e",
  Ꮐ: "g",
  Ꮋ: "h",
  Ꭻ: "j",
  Ꮶ: "k",
  Ꮮ: "l",
  Ꮇ: "m",
  Ꮲ: "p",
  Ꮪ: "s",
  Ꭲ: "t",
  Ꮃ: "w",
  Ꮓ: "z",
};

/**
 * The reverse, for Latin letters and digits typed into a Cyrillic word ("дeтcкoe"
 * with Latin e, c and o; "п0рн0"): the Cyrillic letter each stands for. Capitals
 * decide a few (B for В, H for Н, n for п as in "nopHo"); digits follow Russian
 * leetspeak (0 о, 3 з, 4 ч, 6 б). Latin i is Ukrainian і.
 */
const LATIN_TO_CYRILLIC: Record<string, string> = {
  a: "а",
  b: "в",
  c: "с",
  e: "е",
  h: "н",
  i: "і",
  I: "і",
  k: "к",
  m: "м",
  n: "п",
  o: "о",
  p: "р",
  r: "г",
  t: "т",
  u: "и",
  x: "х",
  y: "у",
  0: "о",
  3: "з",
  4: "ч",
  6: "б",
};

/** The Cyrillic letter a Latin letter or digit (lowercase ASCII) stands for inside a Cyrillic word, or undefined. */
export function cyrillicLookAlike(latin: string): string | undefined {
  return LATIN_TO_CYRILLIC[latin];
}

/** Latin look-alike of a non-Latin letter (lowercase ASCII), or undefined. */
export function latinLookAlike(codePoint: number): string | undefined {
  return CONFUSABLES.get(codePoint);
}

const CONFUSABLES = new Map<number, string>(
  Object.entries(PAIRS).map(([from, to]) => [from.codePointAt(0)!, to]),
);
