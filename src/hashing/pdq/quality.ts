/**
 * The PDQ quality metric (ThreatExchange pdqhashing.cpp, pdqImageDomainQualityMetric):
 * the sum of absolute vertical and horizontal differences of the 64x64 down-sample,
 * each scaled to 0..100 and truncated in single precision, divided by 90 and capped
 * at 100. Hashes of quality below about 50 are unreliable for matching.
 */
export function pdqQuality(buffer64: Float32Array): number {
  let gradientSum = 0;
  for (let i = 0; i < 63; i++) {
    for (let j = 0; j < 64; j++) {
      const diff = Math.fround(buffer64[i * 64 + j] - buffer64[(i + 1) * 64 + j]);
      gradientSum += Math.abs(Math.trunc(Math.fround(Math.fround(diff * 100) / 255)));
    }
  }
  for (let i = 0; i < 64; i++) {
    for (let j = 0; j < 63; j++) {
      const diff = Math.fround(buffer64[i * 64 + j] - buffer64[i * 64 + j + 1]);
      gradientSum += Math.abs(Math.trunc(Math.fround(Math.fround(diff * 100) / 255)));
    }
  }
  return Math.min(100, Math.trunc(gradientSum / 90));
}
