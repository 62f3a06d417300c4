/**
 * A float as Python's `format(x, ".3")` prints it, which python-threatexchange
 * uses for vPDQ timestamps (VpdqCompactFeature.__str__: `f"{t:.3}"`): three
 * significant digits, rounded half to even on the exact binary value, trailing
 * zeros dropped but one digit kept after the point ("1.0", "0.0333"), and
 * scientific notation when the exponent is below -4 or at least 2 ("1e+02",
 * "1.23e+02"), as Python's format spec says for a precision with no type.
 */

/** The exact decimal digits of a positive finite double and the power of ten of the last one. */
function exactDigits(x: number): { digits: string; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const power = (biased === 0 ? 1 : biased) - 1075;
  // x = mantissa * 2^power, and 2^-k = 5^k / 10^k, so the digits are exact.
  if (power >= 0) return { digits: (mantissa << BigInt(power)).toString(), exponent: 0 };
  return { digits: (mantissa * 5n ** BigInt(-power)).toString(), exponent: power };
}

/** Rounds to `precision` significant digits, ties to even: the digits and the decimal exponent of the first. */
function roundSignificant(x: number, precision: number): { digits: string; exponent: number } {
  const { digits, exponent } = exactDigits(x);
  const trimmed = digits.replace(/^0+/, "");
  const first = exponent + trimmed.length - 1;
  if (trimmed.length <= precision) return { digits: trimmed.padEnd(precision, "0"), exponent: first };
  let kept = BigInt(trimmed.slice(0, precision));
  const rest = trimmed.slice(precision);
  const half = rest[0] === "5" && /^50*$/.test(rest);
  if (rest[0] > "5" || (rest[0] === "5" && !half) || (half && kept % 2n === 1n)) kept += 1n;
  const text = kept.toString();
  // 999.5 rounds to 1000: one more digit, one more power of ten.
  return text.length > precision
    ? { digits: text.slice(0, precision), exponent: first + 1 }
    : { digits: text, exponent: first };
}

export function formatPythonPrecision3(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`cannot format ${x}`);
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const { digits, exponent } = roundSignificant(Math.abs(x), 3);
  const significant = digits.replace(/0+$/, "") || "0";
  if (exponent < -4 || exponent >= 2) {
    const mantissa = significant.length > 1 ? `${significant[0]}.${significant.slice(1)}` : significant;
    const e = Math.abs(exponent).toString().padStart(2, "0");
    return `${sign}${mantissa}e${exponent < 0 ? "-" : "+"}${e}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${significant}`;
  const whole = significant.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = significant.slice(exponent + 1) || "0";
  return `${sign}${whole}.${fraction}`;
}
