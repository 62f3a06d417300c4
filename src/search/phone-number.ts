/**
 * Phone numbers as callers and analysts write them ("07700 900123",
 * "+44 7700 900123", "0044 (0)7700-900123") to E.164, with the organisation's
 * default country for national forms, by libphonenumber-js (Google's
 * metadata, maintained). Only numbers the metadata calls possible are taken,
 * so a platform id or a case number is not mistaken for a phone number.
 */
import { type CountryCode, findPhoneNumbersInText, parsePhoneNumberFromString } from "libphonenumber-js";

/** The organisation's default country (VIGIL_DEFAULT_COUNTRY), ISO 3166 alpha-2. */
export type Country = string;

function country(code: Country): CountryCode | undefined {
  const upper = code.toUpperCase();
  return /^[A-Z]{2}$/.test(upper) ? (upper as CountryCode) : undefined;
}

/** E.164, or null when the text is not a possible phone number. */
export function toE164(text: string, defaultCountry: Country): string | null {
  const trimmed = text.trim();
  // Mostly digits and the separators people use; anything else is not a number someone typed.
  if (!/^[+(]?[0-9][0-9 ().\-/]{4,30}$/.test(trimmed) && !/^\+\s*[0-9]/.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed, country(defaultCountry));
  if (!parsed?.isPossible()) return null;
  return parsed.number;
}

/** Whether the metadata says the number could be assigned (a stricter check than possible). */
export function isValidE164(e164: string): boolean {
  return parsePhoneNumberFromString(e164)?.isValid() ?? false;
}

/** Every phone number written in free text, as E.164 with the text it was read from, in order. */
export function phoneNumbersInText(text: string, defaultCountry: Country): { input: string; e164: string }[] {
  const seen = new Set<string>();
  const out: { input: string; e164: string }[] = [];
  for (const found of findPhoneNumbersInText(text, {
    defaultCountry: country(defaultCountry),
    extended: true,
  })) {
    const e164 = found.number.number;
    if (seen.has(e164) || !found.number.isPossible()) continue;
    seen.add(e164);
    out.push({ input: text.slice(found.startsAt, found.endsAt), e164 });
  }
  return out;
}
