/**
 * The evidence store's settings: how long unheld, unneeded evidence is kept
 * and how often `vigil serve` runs the retention job. From the environment,
 * with defaults that keep evidence rather than lose it.
 */
export interface EvidenceConfig {
  /** Evidence younger than this is never purged (default 90 days). */
  retentionDays: number;
  /** How often the retention job runs inside `vigil serve` (default daily); 0 turns it off. */
  purgeIntervalMs: number;
}

export const DEFAULT_RETENTION_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

function positiveNumber(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined || text.trim() === "") return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a number >= 0, got ${JSON.stringify(text)}`);
  return value;
}

export function evidenceConfig(env: Readonly<Record<string, string | undefined>>): EvidenceConfig {
  return {
    retentionDays: positiveNumber(
      env.VIGIL_EVIDENCE_RETENTION_DAYS,
      "VIGIL_EVIDENCE_RETENTION_DAYS",
      DEFAULT_RETENTION_DAYS,
    ),
    purgeIntervalMs:
      positiveNumber(env.VIGIL_EVIDENCE_PURGE_INTERVAL_HOURS, "VIGIL_EVIDENCE_PURGE_INTERVAL_HOURS", 24) *
      60 *
      60 *
      1000,
  };
}

export function retentionMs(days: number): number {
  return days * DAY_MS;
}
