/**
 * Network expansion's vocabulary: the facts the graph query finds about a candidate
 * (store/repositories/expansion-graph-repository.ts), the evidence they make and the ranked
 * candidate; scoring them is enforce/expansion/evidence.ts.
 */
export type EvidenceKind =
  | "member_of_seed"
  | "admin_of_confirmed_group"
  | "admin_of_linked_group"
  | "member_of_linked_groups"
  | "member_of_flagged_groups"
  | "joined_via_seed_link"
  | "invited_by_admin"
  | "shared_profile_photo"
  | "rejoined_after_ban"
  | "same_device_after_ban"
  | "same_prefix_after_ban"
  | "shares_admins_with_seed"
  | "shares_members_with_seed"
  | "link_posted_in_seed"
  | "seed_link_posted_here"
  | "group_flagged"
  | "group_confirmed";

export interface Evidence {
  kind: EvidenceKind;
  weight: number;
  detail: string;
}

export type SuggestedAction = "ban_account" | "disable_group" | "review";

export interface ExpansionCandidate {
  subjectKind: "account" | "group";
  platformId: string;
  score: number;
  evidence: Evidence[];
  suggestedAction: SuggestedAction;
}

/** What the graph query found about one account (store/repositories/expansion-graph-repository.ts). */
export interface AccountFacts {
  platformId: string;
  inSeed: boolean;
  adminOfConfirmed: number;
  adminOfOther: number;
  linkedGroups: number;
  flaggedGroups: number;
  joinedViaSeedLink: boolean;
  invitedByAdmin: boolean;
  photoMatch: string | null;
  rejoinedAfterBan: boolean;
  deviceAfterBan: string | null;
  prefixAfterBan: string | null;
}

export interface GroupFacts {
  platformId: string;
  sharedMembers: number;
  sharedAdmins: number;
  size: number;
  seedMembers: number;
  linkPostedInSeed: boolean;
  seedLinkPostedHere: boolean;
  flagged: boolean;
  confirmed: boolean;
}
