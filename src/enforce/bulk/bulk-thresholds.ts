/**
 * Reads the bulk confirmation thresholds from the environment; the rule they feed is pure
 * and lives in domain/bulk-thresholds.ts.
 */
import { type BulkThresholds, DEFAULT_BULK_THRESHOLDS } from "../../domain/bulk-thresholds.js";

/** Parses the two variables; app/config.ts passes the environment it read. */
export function bulkThresholdsFromEnv(env: Readonly<Record<string, string | undefined>>): BulkThresholds {
  const read = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`${name} must be a whole number of targets, got ${JSON.stringify(raw)}`);
    }
    return value;
  };
  const confirmAbove = read("VIGIL_BULK_CONFIRM_ABOVE", DEFAULT_BULK_THRESHOLDS.confirmAbove);
  const twoPersonAbove = read("VIGIL_BULK_TWO_PERSON_ABOVE", DEFAULT_BULK_THRESHOLDS.twoPersonAbove);
  if (twoPersonAbove < confirmAbove) {
    throw new RangeError("VIGIL_BULK_TWO_PERSON_ABOVE must not be below VIGIL_BULK_CONFIRM_ABOVE");
  }
  return { confirmAbove, twoPersonAbove };
}
