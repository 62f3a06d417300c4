/**
 * A number with three decimals exactly as C's printf("%.3f") prints it, which the
 * reference uses for vPDQ timestamps (vpdq/cpp/vpdq/cpp/io/vpdqio.cpp:
 * `std::setprecision(3) << std::fixed`).
 *
 * printf rounds the exact binary value to the nearest, ties to even (glibc, default
 * rounding mode). Number#toFixed also rounds the exact value but sends ties up. An
 * exact tie at three decimals means x = (2k + 1) / 2000 is a binary fraction, which
 * happens only when 16x is an odd integer (0.0625, 0.1875, ...): e.g. frame 1 of a
 * 16 fps video is at 0.0625 s and the reference prints "0.062", not "0.063".
 */
export function formatFixed3(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`cannot format ${x} as a timestamp`);
  const negative = x < 0;
  const magnitude = Math.abs(x);
  // Scaling by 16 and 8 is exact (powers of two), so these tests are exact too.
  const isTie = Number.isInteger(magnitude * 16) && !Number.isInteger(magnitude * 8);
  if (!isTie || magnitude >= 2 ** 40) return x.toFixed(3);
  const below = Math.floor(magnitude * 1000); // exact: magnitude * 1000 = below + 0.5
  const thousandths = below % 2 === 0 ? below : below + 1;
  const whole = Math.floor(thousandths / 1000);
  const fraction = String(thousandths % 1000).padStart(3, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}
