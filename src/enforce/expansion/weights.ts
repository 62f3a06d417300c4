/**
 * How much each kind of evidence counts (rules/expansion-weights.json by
 * default; an operator's file replaces it). Validated whole: a misspelt key or
 * a negative weight is refused with its path rather than silently ignored.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const Weight = z.number().min(0).max(100);

export const ExpansionWeights = z.strictObject({
  account: z.strictObject({
    /** Member of the seed group (or of a group the seed account is in). */
    memberOfSeed: Weight,
    /** Admin of a confirmed group in the neighbourhood (the seed, when confirmed), per group. */
    adminOfConfirmedGroup: Weight,
    /** Admin of another group in the neighbourhood, per group. */
    adminOfLinkedGroup: Weight,
    /** Member of a group linked to the seed, per group up to limits.linkedGroupCap. */
    memberOfLinkedGroup: Weight,
    /** Member of two or more flagged or confirmed groups anywhere. */
    memberOfFlaggedGroups: Weight,
    /** Joined a group through an invite link posted in the seed or a confirmed group. */
    joinedViaSeedLink: Weight,
    /** Invited (the membership's inviter) by an admin of the seed or of a confirmed group. */
    invitedByAdmin: Weight,
    /** Profile photo equal (SHA-256 or PDQ) to a banked one or to a banned account's. */
    sharedProfilePhoto: Weight,
    /** Member of a group that was then confirmed, and joined a linked group afterwards. */
    rejoinedAfterBan: Weight,
    /** Created within limits.banWindowHours after a banned account with the same device was banned. */
    sameDeviceAfterBan: Weight,
    /** The same, with the same phone country and carrier prefix (weak: many people share one). */
    samePrefixAfterBan: Weight,
  }),
  group: z.strictObject({
    /** Per admin shared with the seed, up to limits.sharedAdminCap. */
    sharedAdmin: Weight,
    /** Times the cosine similarity of member sets: shared / sqrt(group size * seed members). */
    sharedMembers: Weight,
    /** The group's invite link was posted in the seed. */
    linkPostedInSeed: Weight,
    /** The seed's invite link was posted in the group. */
    seedLinkPostedHere: Weight,
    flagged: Weight,
    confirmed: Weight,
  }),
  limits: z.strictObject({
    linkedGroupCap: z.int().min(1).max(100),
    sharedAdminCap: z.int().min(1).max(100),
    /** A group sharing fewer seed members (and no admin or link) is not looked at. */
    minSharedMembers: z.int().min(1),
    /** A group below this score is listed but its members are not expanded. */
    minGroupScore: z.number().min(0),
    maxLinkedGroups: z.int().min(1).max(1000),
    banWindowHours: z
      .number()
      .positive()
      .max(24 * 365),
  }),
  suggest: z.strictObject({
    /** From this score an account is suggested for ban_account, below it for review. */
    banAccountAt: z.number().min(0),
    disableGroupAt: z.number().min(0),
  }),
});
export type ExpansionWeights = z.infer<typeof ExpansionWeights>;

export const DEFAULT_WEIGHTS_FILE = fileURLToPath(
  new URL("../../../../rules/expansion-weights.json", import.meta.url),
);

export class ExpansionWeightsError extends Error {
  override readonly name = "ExpansionWeightsError";
}

export function parseWeights(text: string, file: string): ExpansionWeights {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ExpansionWeightsError(`${file}: not JSON (${(error as Error).message})`);
  }
  const parsed = ExpansionWeights.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ExpansionWeightsError(`${file}: ${first.path.join(".") || "(root)"}: ${first.message}`);
  }
  return parsed.data;
}

export function loadWeights(file: string = DEFAULT_WEIGHTS_FILE): ExpansionWeights {
  return parseWeights(readFileSync(file, "utf8"), file);
}
