/**
 * Checks for values whose XSD type is narrower than a string (xs:long,
 * xs:dateTime, xs:int, patterns, enumerations): a wrong value is refused with
 * CyberTipInvalidValue naming the field, before any XML is written, rather
 * than answered by NCMEC with code 4100.
 */

export class CyberTipInvalidValueError extends Error {
  override readonly name = "CyberTipInvalidValue";
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** xs:long, positive (report ids). */
export function reportIdValue(value: string, field: string): string {
  if (!/^[1-9][0-9]{0,18}$/.test(value) || BigInt(value) > 9223372036854775807n) {
    throw new CyberTipInvalidValueError(field, `"${value.slice(0, 40)}" is not a CyberTipline report id`);
  }
  return value;
}

/** xs:dateTime with a zone, normalised to UTC (`2025-01-15T12:30:00Z`). */
export function dateTimeValue(value: string, field: string): string {
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
    ? Date.parse(value)
    : Number.NaN;
  if (Number.isNaN(ms))
    throw new CyberTipInvalidValueError(field, `"${value.slice(0, 40)}" is not an ISO 8601 date-time`);
  return new Date(ms).toISOString().replace(/\.000Z$/, "Z");
}

/** phone@countryCallingCode: `\+[0-9]{1,3}`. */
export function callingCodeValue(value: string, field: string): string {
  if (!/^\+[0-9]{1,3}$/.test(value))
    throw new CyberTipInvalidValueError(field, `"${value.slice(0, 40)}" is not +1 to +999`);
  return value;
}

/** xs:int, 0..65535 for ports. */
export function ageValue(value: number, field: string): string {
  if (!Number.isInteger(value) || value < 0 || value > 130) {
    throw new CyberTipInvalidValueError(field, `${value} is not an age in years`);
  }
  return String(value);
}

export function portValue(value: number, field: string): string {
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new CyberTipInvalidValueError(field, `${value} is not a port number`);
  }
  return String(value);
}

export function oneOf<T extends string>(allowed: readonly T[], value: string, field: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CyberTipInvalidValueError(field, `"${value.slice(0, 80)}" is not one of ${allowed.join(", ")}`);
  }
  return value as T;
}
