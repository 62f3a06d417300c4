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
  // Urdu: heh goal, teh marbuta goal and do-chashmi heh are written with the Arabic heh
  // on Arabic and Persian keyboards ("چھوٹی" and "چهوٹی" are the same word).
  ہ: "ه",
  ۃ: "ه",
  ھ: "ه",
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

/**
 * The letter a variant folds to, or the letter itself. Katakana is read as
 * hiragana (ロリ and ろり are one word to a reader; half-width ﾛﾘ reaches here as ロリ
 * through NFKC); Devanagari and Bengali chandrabindu as anusvara (both nasalise,
 * and writers use them interchangeably).
 */
export function foldScriptVariant(letter: string): string {
  const cp = letter.codePointAt(0)!;
  if (cp >= 0x30a1 && cp <= 0x30f6) return String.fromCharCode(cp - 0x60);
  if (cp === 0x0901 || cp === 0x0981) return String.fromCharCode(cp + 1);
  return FOLD_MAP.get(cp) ?? letter;
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
 * viramas (Devanagari मात्रा), Thai, Lao, Khmer and Myanmar vowel signs change the
 * word, so they are kept; Latin accents, Hebrew points and Arabic harakat are
 * dropped, as is any mark stacked on something else ("Zalgo" text). The Indic
 * nukta is dropped too: people write लड़की and लडकी alike.
 */
export function isSpellingMark(codePoint: number): boolean {
  if (codePoint === 0x093c || codePoint === 0x09bc || codePoint === 0x0a3c) return false; // nukta
  return (
    // Devanagari through Sinhala: the Brahmic scripts of South Asia.
    (codePoint >= 0x0900 && codePoint <= 0x0dff) ||
    // Thai, Lao, Tibetan, Myanmar.
    (codePoint >= 0x0e00 && codePoint <= 0x109f) ||
    // Khmer.
    (codePoint >= 0x1780 && codePoint <= 0x17ff)
  );
}

/**
 * Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer,
 * Myanmar): terms are found inside their runs, and a change to or from Latin
 * letters there is a word edge ("萝莉porn" is two words).
 */
export function isUnsegmentedScript(codePoint: number): boolean {
  return (
    (codePoint >= 0x0e00 && codePoint <= 0x0eff) ||
    (codePoint >= 0x1000 && codePoint <= 0x109f) ||
    (codePoint >= 0x1780 && codePoint <= 0x17ff) ||
    (codePoint >= 0x3040 && codePoint <= 0x30ff) ||
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3134f)
  );
}
