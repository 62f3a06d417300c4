/**
 * Text as search compares it: Unicode compatibility forms unified (NFKC),
 * accents and other combining marks removed (NFD, then \p{M}), lower-cased,
 * a few letters that have no decomposition spelt out (ß, æ, ø, ł, đ, ı), and
 * runs of spaces made one. Scripts are kept as they are (a Hebrew or Arabic
 * name is searched in its own letters; Arabic vowel marks are dropped like
 * accents). Stored beside names and descriptions (migration 0019) and applied
 * to every query, so the two always agree without PostgreSQL's `unaccent`.
 * Deliberately simpler than the text signal's normaliser: search must find
 * what a person typed, not undo leetspeak.
 */
const SPELT_OUT: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
};
const SPELT = new RegExp(`[${Object.keys(SPELT_OUT).join("")}]`, "g");

export function foldForSearch(text: string): string {
  return text
    .normalize("NFKC")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(SPELT, (c) => SPELT_OUT[c] ?? c)
    .replace(/[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g, " ")
    .trim();
}

/** The folded text, or undefined when there is none (so a stored value is kept). */
export function foldedOrUndefined(text: string | undefined): string | undefined {
  return text === undefined ? undefined : foldForSearch(text);
}

/** LIKE wildcards in a fragment are searched as themselves. */
export function likeFragment(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
