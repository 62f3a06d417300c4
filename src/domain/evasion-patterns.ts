/**
 * Ban evasion's patterns as a table (issue 10 point 4): which ones are strong, what each
 * says, and which combination opens a case. A prefix alone is weak (many people share one):
 * it only counts beside a strong pattern. The SQL that finds them is
 * store/repositories/ban-evasion-repository.ts; which accounts to look at,
 * enforce/expansion/ban-evasion.ts.
 */
export type EvasionPattern = "same_photo" | "same_device" | "prefix_soon_after_ban" | "same_groups_after_ban";

export const EVASION_PATTERNS: Record<EvasionPattern, { strong: boolean; explain: string }> = {
  same_photo: { strong: true, explain: "profile photo equal to the banned account's (SHA-256 or PDQ)" },
  same_device: { strong: true, explain: "same device as the banned account" },
  prefix_soon_after_ban: {
    strong: false,
    explain: "same number prefix, account created soon after the ban",
  },
  same_groups_after_ban: {
    strong: true,
    // Flagged or confirmed groups only: sharing two popular groups with some banned account is common.
    explain: "joined two or more of the banned account's flagged groups after the ban",
  },
};

export const BAN_EVASION_QUEUE = "ban-evasion";
export const BAN_EVASION_PRIORITY = 70;
/** How soon after a ban a new account with the same prefix counts. */
export const PREFIX_WINDOW_HOURS = 72;

export interface EvasionProbe {
  /** Accounts whose photo, device, creation time or number this batch wrote. */
  profiles: string[];
  /** Accounts that joined groups in this batch. */
  joiners: string[];
}

/** One case per suspect and banned account when the patterns include a strong one. */
export function opensCase(patterns: EvasionPattern[]): boolean {
  return patterns.some((p) => EVASION_PATTERNS[p].strong);
}

export function explainEvasion(banned: string, patterns: EvasionPattern[]): string {
  return `possible ban evasion of ${banned}: ${patterns.map((p) => EVASION_PATTERNS[p].explain).join("; ")}`;
}
