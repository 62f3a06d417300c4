/**
 * Undoes the light disguises directories use so links survive filters and
 * copy-paste checks: "chat . whatsapp . com / ABC", "t[.]me", "discord dot gg",
 * "t.me slash name", "t.me[/]name", full-width and ideographic dots and slashes,
 * "hxxps". The result is only ever searched
 * for invite hosts, so joining words that were not a link is harmless.
 */
const BRACKETED_DOT = /[[({]\s*(?:\.|dot)\s*[\])}]/gi;
const SPELT_DOT = /\s+(?:dot)\s+/gi;
const BRACKETED_SLASH = /[[({]\s*(?:\/|slash)\s*[\])}]/gi;
const SPELT_SLASH = /\s+slash\s+/gi;
const SPACED_DOT = /([A-Za-z0-9])\s*\.\s*(?=[A-Za-z0-9])/g;
const SPACED_SLASH = /([A-Za-z0-9])\s*\/\s*(?=[A-Za-z0-9+#!?])/g;
const ODD_DOTS = /[\u3002\uFF61\uFF0E\u2024\u00B7]/g;
const ODD_SLASHES = /[\u2044\u2215\uFF0F]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

export function undisguise(text: string): string {
  return text
    .normalize("NFKC")
    .replace(ZERO_WIDTH, "")
    .replace(ODD_DOTS, ".")
    .replace(ODD_SLASHES, "/")
    .replace(/\bhxxp(s?)/gi, "http$1")
    .replace(BRACKETED_DOT, ".")
    .replace(SPELT_DOT, ".")
    .replace(BRACKETED_SLASH, "/")
    .replace(SPELT_SLASH, "/")
    .replace(SPACED_DOT, "$1.")
    .replace(SPACED_SLASH, "$1/");
}
