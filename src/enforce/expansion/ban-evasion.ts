/**
 * Ban evasion (issue 10 point 4): a banned account's profile photo, device,
 * number prefix or joining pattern turning up on another account. The patterns
 * are found by SQL as events are written (store/repositories/
 * ban-evasion-repository.ts, called from the decision writer); this module
 * says which accounts to look at, and domain/evasion-patterns.ts which
 * combination opens a case. The case goes to review, never to an automatic ban.
 */
import type { EvasionProbe } from "../../domain/evasion-patterns.js";
import type { SubjectUpdates } from "../../store/repositories/subject-update-types.js";

export function evasionProbe(updates: SubjectUpdates[]): EvasionProbe {
  const profiles = new Set<string>();
  const joiners = new Set<string>();
  for (const u of updates) {
    for (const a of u.accounts) {
      if (a.photo || a.deviceId || a.phonePrefix || a.platformCreatedAt) profiles.add(a.externalId);
    }
    for (const m of u.memberships) if (m.joinedAt) joiners.add(m.accountExternalId);
  }
  return { profiles: [...profiles], joiners: [...joiners] };
}
