/**
 * A benign synthetic network to measure expansion on (issue 10 "what it must
 * show"): ids are made up (`a123`, `g45`), photos are made-up hash strings, no
 * content exists. Random noise is generated in the database by set-based SQL
 * (store/repositories/synthetic-network-writer.ts); the planted rings are
 * computed here, so the test knows exactly which accounts each ring holds.
 *
 * A ring: 2-4 admins of all its 3-6 groups; most members in two or three of
 * them; every fifth member in one group, joined through the link posted in the
 * ring's confirmed group, with the ring's shared profile photo; one member in
 * twenty banned when the ring's first group was confirmed, and evaders created
 * hours after those bans on the same device and number prefix. Group 0 was
 * confirmed (disabled) at the ban; members of it joined groups 2.. afterwards;
 * group 1 is the confirmed seed; the others are flagged.
 */
import type {
  NetworkShape,
  PlantedRing,
  RingAccount,
  RingMembership,
} from "../../domain/synthetic-network.js";

export type {
  NetworkShape,
  PlantedRing,
  RingAccount,
  RingMembership,
} from "../../domain/synthetic-network.js";

export const FULL_NETWORK: NetworkShape = {
  accounts: 1_000_000,
  groups: 100_000,
  membershipsPerAccount: 10,
  rings: 20,
  minRing: 50,
  maxRing: 300,
  flaggedNoiseGroups: 1000,
  bannedNoiseAccounts: 2000,
};

export const SMALL_NETWORK: NetworkShape = {
  accounts: 20_000,
  groups: 2_000,
  membershipsPerAccount: 5,
  rings: 4,
  minRing: 50,
  maxRing: 150,
  flaggedNoiseGroups: 40,
  bannedNoiseAccounts: 40,
};

export const SYNTHETIC_PLATFORM = "synthetic";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const EPOCH = Date.UTC(2026, 0, 1);

/** Ring r's size, 50..300 spread deterministically. */
export function ringSize(shape: NetworkShape, r: number): number {
  const span = shape.maxRing - shape.minRing;
  return shape.minRing + ((r * 97) % (span + 1));
}

/** Made-up 64-hex "hash" (not of any content): the same text gives the same string. */
export function fakeHash(text: string): string {
  let h1 = 0x811c9dc5;
  let out = "";
  for (let round = 0; round < 8; round++) {
    for (const ch of `${round}:${text}`) h1 = Math.imul(h1 ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h1.toString(16).padStart(8, "0");
  }
  return out;
}

/**
 * The rings occupy the last accounts and the last groups (the least popular by
 * the noise's skew, so a ring group gets about half the mean noise members).
 */
export function plantRings(shape: NetworkShape): PlantedRing[] {
  const rings: PlantedRing[] = [];
  let nextAccount = shape.accounts;
  let nextGroup = shape.groups;
  for (let r = 0; r < shape.rings; r++) {
    const size = ringSize(shape, r);
    const groupCount = 3 + (r % 4);
    const adminCount = 2 + (r % 3);
    const t0 = EPOCH + r * DAY;
    const banAt = new Date(t0 + 10 * DAY);
    const photo = fakeHash(`ring-photo-${r}`);
    const prefix = `+99${String(r).padStart(2, "0")}`;
    const ids = Array.from({ length: size }, (_, i) => `a${nextAccount - size + 1 + i}`);
    nextAccount -= size;
    const groups = Array.from({ length: groupCount }, (_, k) => ({
      externalId: `g${nextGroup - groupCount + 1 + k}`,
      confirmedAt: k === 0 ? banAt : k === 1 ? new Date(t0 + 20 * DAY) : null,
      flagged: true,
    }));
    nextGroup -= groupCount;
    const g = (k: number) => groups[k].externalId;
    const evaderCount = Math.max(2, Math.floor(size / 20));
    const memberCount = size - adminCount - evaderCount;
    const accounts: RingAccount[] = [];
    const memberships: RingMembership[] = [];
    const banned: RingAccount[] = [];
    const join = (
      k: number,
      account: string,
      role: "admin" | "member",
      viaLinkOf: string | null = null,
      inviter: string | null = null,
    ) =>
      memberships.push({
        group: g(k),
        account,
        role,
        // Groups 0 and 1 were joined before the ban, the others after it (the ring moving on).
        joinedAt: new Date(
          k <= 1 ? t0 + HOUR * (1 + memberships.length) : banAt.getTime() + DAY + memberships.length * 60_000,
        ),
        viaLinkOf,
        inviter,
      });
    for (let i = 0; i < adminCount; i++) {
      accounts.push(ringAccount(ids[i], t0 - 30 * DAY, `rd-${r}-${i}`, prefix, null, null));
      for (let k = 0; k < groupCount; k++) join(k, ids[i], "admin");
    }
    for (let i = 0; i < memberCount; i++) {
      const id = ids[adminCount + i];
      const isBanned = i % 20 === 1;
      const sharesPhoto = i % 5 === 0 || isBanned;
      const account = ringAccount(
        id,
        t0 - 20 * DAY + i * HOUR,
        `rd-${r}-m${i}`,
        prefix,
        sharesPhoto ? photo : null,
        isBanned ? banAt : null,
      );
      accounts.push(account);
      if (isBanned) banned.push(account);
      if (i % 5 === 0) {
        const k = 2 + (i % (groupCount - 2));
        join(k, id, "member", g(k));
        continue;
      }
      const a = isBanned ? 0 : i % groupCount;
      const b = isBanned ? 1 : (a + 1 + (Math.floor(i / 5) % (groupCount - 1))) % groupCount;
      // Half the members were invited into their first group by one of the ring's admins.
      join(a, id, "member", null, i % 2 === 0 ? ids[i % adminCount] : null);
      join(b, id, "member");
      const c = (a + 2) % groupCount;
      if (i % 3 === 0 && c !== b) join(c, id, "member");
    }
    for (let j = 0; j < evaderCount; j++) {
      const original = banned[j % banned.length];
      const id = ids[adminCount + memberCount + j];
      const created = new Date((original.bannedAt as Date).getTime() + 2 * HOUR + j * 60_000);
      accounts.push(ringAccount(id, created.getTime(), original.deviceId, prefix, photo, null));
      join(2 + (j % (groupCount - 2)), id, "member");
    }
    const postings = [
      ...groups.slice(1).map((_, k) => ({ linkOf: g(k + 1), postedIn: g(k) })),
      ...groups.slice(3).map((x) => ({ linkOf: x.externalId, postedIn: g(1) })),
    ];
    rings.push({ index: r, accounts, groups, memberships, postings, seed: g(1) });
  }
  return rings;
}

function ringAccount(
  externalId: string,
  created: number,
  deviceId: string,
  phonePrefix: string,
  photoSha256: string | null,
  bannedAt: Date | null,
): RingAccount {
  return { externalId, createdAt: new Date(created), deviceId, phonePrefix, photoSha256, bannedAt };
}
