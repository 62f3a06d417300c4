/**
 * Spelling variants inside one script that readers treat as the same letter, so a
 * lexicon term matches however the writer (or their keyboard) spelled it.
 * Marks (Hebrew niqqud, Arabic harakat, Latin accents) are removed elsewhere.
 */
const FOLDS: Record<string, string> = {
  // Arabic: hamza carriers and alef forms to bare alef, alef maqsura and Persian yeh
  // to yeh, teh marbuta to heh, Persian keheh to kaf (common orthographic
  // normalisation in Arabic search, e.g. Lucene's ArabicNormalizer).
  أ: "ا",
  إ: "ا",
  آ: "ا",
  ٱ: "ا",
  ى: "ي",
  ی: "ي",
  ئ: "ي",
  ة: "ه",
  ؤ: "و",
  ک: "ك",
  // Hebrew final forms to their regular letters (the same letter at a word's end).
  ך: "כ",
  ם: "מ",
  ן: "נ",
  ף: "פ",
  ץ: "צ",
  // Greek final sigma.
  ς: "σ",
};

const FOLD_MAP = new Map<number, string>(Object.entries(FOLDS).map(([k, v]) => [k.codePointAt(0)!, v]));

/** The letter a variant folds to, or the letter itself. */
export function foldScriptVariant(letter: string): string {
  return FOLD_MAP.get(letter.codePointAt(0)!) ?? letter;
}

/**
 * Characters that are letters to Unicode but carry no sound: Arabic tatweel
 * (kashida) only stretches a word ("طـــفل"), so it is removed like an invisible.
 */
export function isStretcher(codePoint: number): boolean {
  return codePoint === 0x0640;
}

/**
 * Marks that are part of spelling rather than decoration: Indic vowel signs and
 * viramas (Devanagari मात्रा) change the word, so they are kept; Latin accents,
 * Hebrew points and Arabic harakat are dropped, as is any mark stacked on
 * something else ("Zalgo" text).
 */
export function isSpellingMark(codePoint: number): boolean {
  // Devanagari through Malayalam: the Brahmic scripts of South Asia.
  return codePoint >= 0x0900 && codePoint <= 0x0d7f;
}
