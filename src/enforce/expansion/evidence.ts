/**
 * From the graph's facts about a candidate to its score: each kind of evidence
 * is one row of a table (when it applies, its weight, what it says), so the
 * score is always exactly the sum of the evidence shown beside it.
 */
import type {
  AccountFacts,
  Evidence,
  ExpansionCandidate,
  GroupFacts,
} from "../../domain/expansion-evidence.js";
import type { ExpansionWeights } from "./weights.js";

export type {
  AccountFacts,
  Evidence,
  EvidenceKind,
  ExpansionCandidate,
  GroupFacts,
  SuggestedAction,
} from "../../domain/expansion-evidence.js";

type Rule<F> = (facts: F, w: ExpansionWeights) => Evidence | null;

const round = (x: number) => Math.round(x * 1000) / 1000;

const ACCOUNT_RULES: Rule<AccountFacts>[] = [
  (f, w) =>
    f.inSeed
      ? { kind: "member_of_seed", weight: w.account.memberOfSeed, detail: "member of the seed" }
      : null,
  (f, w) =>
    f.adminOfConfirmed > 0
      ? {
          kind: "admin_of_confirmed_group",
          weight: w.account.adminOfConfirmedGroup * f.adminOfConfirmed,
          detail: `admin of ${f.adminOfConfirmed} confirmed group(s)`,
        }
      : null,
  (f, w) =>
    f.adminOfOther > 0
      ? {
          kind: "admin_of_linked_group",
          weight: w.account.adminOfLinkedGroup * Math.min(f.adminOfOther, w.limits.linkedGroupCap),
          detail: `admin of ${f.adminOfOther} linked group(s)`,
        }
      : null,
  (f, w) =>
    f.linkedGroups > 0
      ? {
          kind: "member_of_linked_groups",
          weight: w.account.memberOfLinkedGroup * Math.min(f.linkedGroups, w.limits.linkedGroupCap),
          detail: `member of ${f.linkedGroups} group(s) linked to the seed`,
        }
      : null,
  (f, w) =>
    f.flaggedGroups >= 2
      ? {
          kind: "member_of_flagged_groups",
          weight: w.account.memberOfFlaggedGroups,
          detail: `member of ${f.flaggedGroups} flagged or confirmed groups`,
        }
      : null,
  (f, w) =>
    f.joinedViaSeedLink
      ? {
          kind: "joined_via_seed_link",
          weight: w.account.joinedViaSeedLink,
          detail: "joined through an invite link posted in the seed or a confirmed group",
        }
      : null,
  (f, w) =>
    f.invitedByAdmin
      ? {
          kind: "invited_by_admin",
          weight: w.account.invitedByAdmin,
          detail: "invited into a linked group by an admin of the seed or a confirmed group",
        }
      : null,
  (f, w) =>
    f.photoMatch
      ? {
          kind: "shared_profile_photo",
          weight: w.account.sharedProfilePhoto,
          detail: `profile photo equal to ${f.photoMatch}`,
        }
      : null,
  (f, w) =>
    f.rejoinedAfterBan
      ? {
          kind: "rejoined_after_ban",
          weight: w.account.rejoinedAfterBan,
          detail: "joined a linked group after a group it was in was confirmed",
        }
      : null,
  (f, w) =>
    f.deviceAfterBan
      ? {
          kind: "same_device_after_ban",
          weight: w.account.sameDeviceAfterBan,
          detail: `created within ${w.limits.banWindowHours} h of the ban of ${f.deviceAfterBan}, same device`,
        }
      : null,
  (f, w) =>
    f.prefixAfterBan
      ? {
          kind: "same_prefix_after_ban",
          weight: w.account.samePrefixAfterBan,
          detail: `created within ${w.limits.banWindowHours} h of the ban of ${f.prefixAfterBan}, same number prefix`,
        }
      : null,
];

const GROUP_RULES: Rule<GroupFacts>[] = [
  (f, w) =>
    f.sharedAdmins > 0
      ? {
          kind: "shares_admins_with_seed",
          weight: w.group.sharedAdmin * Math.min(f.sharedAdmins, w.limits.sharedAdminCap),
          detail: `${f.sharedAdmins} admin(s) also admin of the seed`,
        }
      : null,
  (f, w) => {
    if (f.sharedMembers === 0) return null;
    // Cosine similarity of the member sets: a huge popular group sharing a few members scores little.
    const overlap = f.sharedMembers / Math.max(1, Math.sqrt(f.size * f.seedMembers));
    return {
      kind: "shares_members_with_seed",
      weight: round(w.group.sharedMembers * Math.min(1, overlap)),
      detail: `${f.sharedMembers} of its ${f.size} members are in the seed (overlap ${Math.round(overlap * 100)}%)`,
    };
  },
  (f, w) =>
    f.linkPostedInSeed
      ? {
          kind: "link_posted_in_seed",
          weight: w.group.linkPostedInSeed,
          detail: "its invite link was posted in the seed",
        }
      : null,
  (f, w) =>
    f.seedLinkPostedHere
      ? {
          kind: "seed_link_posted_here",
          weight: w.group.seedLinkPostedHere,
          detail: "the seed's invite link was posted here",
        }
      : null,
  (f, w) =>
    f.confirmed
      ? { kind: "group_confirmed", weight: w.group.confirmed, detail: "confirmed (disabled by decision)" }
      : f.flagged
        ? { kind: "group_flagged", weight: w.group.flagged, detail: "flagged (has a case)" }
        : null,
];

function explain<F>(
  rules: Rule<F>[],
  facts: F,
  w: ExpansionWeights,
): { score: number; evidence: Evidence[] } {
  const evidence = rules.flatMap((rule) => {
    const e = rule(facts, w);
    return e && e.weight > 0 ? [e] : [];
  });
  return { score: round(evidence.reduce((sum, e) => sum + e.weight, 0)), evidence };
}

export function scoreAccount(facts: AccountFacts, w: ExpansionWeights): ExpansionCandidate {
  const { score, evidence } = explain(ACCOUNT_RULES, facts, w);
  return {
    subjectKind: "account",
    platformId: facts.platformId,
    score,
    evidence,
    suggestedAction: score >= w.suggest.banAccountAt ? "ban_account" : "review",
  };
}

export function scoreGroup(facts: GroupFacts, w: ExpansionWeights): ExpansionCandidate {
  const { score, evidence } = explain(GROUP_RULES, facts, w);
  return {
    subjectKind: "group",
    platformId: facts.platformId,
    score,
    evidence,
    suggestedAction: score >= w.suggest.disableGroupAt ? "disable_group" : "review",
  };
}

/** Highest score first; ties by platform id so equal inputs give equal lists. */
export function rankCandidates(list: ExpansionCandidate[]): ExpansionCandidate[] {
  return [...list].sort(
    (a, b) => b.score - a.score || (a.platformId < b.platformId ? -1 : a.platformId > b.platformId ? 1 : 0),
  );
}
