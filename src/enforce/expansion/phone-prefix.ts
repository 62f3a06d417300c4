/**
 * The part of a phone number the graph keeps: the country code and the
 * carrier (or area) prefix, never the subscriber number. Without a numbering
 * plan table we keep the first five digits after `+`, which covers a
 * country code of one to three digits plus two to four prefix digits
 * (ITU-T E.164 §6: country code 1-3 digits, then the national destination code).
 */
export const PREFIX_DIGITS = 5;

export function phonePrefix(e164: string): string | undefined {
  const m = /^\+([1-9][0-9]{6,14})$/.exec(e164);
  return m ? `+${m[1].slice(0, PREFIX_DIGITS)}` : undefined;
}
