/**
 * Which decoded frames vPDQ hashes and what number and time it gives them, as the
 * reference does (ThreatExchange vpdq/cpp/vpdq/cpp/hashing/filehasher.cpp and
 * hasher.h):
 *
 * - frames are counted in decoder output order from 0 (`codecContext->frame_number - 1`);
 * - with s seconds per hash and a frame rate f (the stream's avg_frame_rate, else
 *   r_frame_rate), frame n is hashed when n % m == 0, m = (int)(s * f), and m = 1
 *   when that truncates to 0 (so s = 0 hashes every frame);
 * - its timestamp is `(float)n / (float)f`, computed in single precision.
 */

/** Largest modulus kept: the reference stores m in an int. */
const MAX_MODULUS = 2 ** 31 - 1;

/** The m in "hash frame n when n % m == 0". */
export function frameModulus(secondsPerHash: number, framesPerSecond: number): number {
  // static_cast<int> truncates toward zero; 0 (and anything below 1) becomes 1.
  const m = Math.trunc(secondsPerHash * framesPerSecond);
  if (!(m >= 1)) return 1;
  return Math.min(m, MAX_MODULUS);
}

/**
 * Seconds from the start for frame n: float32 division as in hashFrame() (hasher.h),
 * kept as that float32 value so its text form matches the reference's to the digit.
 */
export function frameTimestamp(frameNumber: number, framesPerSecond: number): number {
  return Math.fround(Math.fround(frameNumber) / Math.fround(framesPerSecond));
}

/**
 * The frame number of the i-th hashed frame. ffmpeg's select filter passes exactly
 * the decoded frames with n % m == 0, in order, so the i-th one out is frame i * m.
 */
export function hashedFrameNumber(index: number, modulus: number): number {
  return index * modulus;
}
