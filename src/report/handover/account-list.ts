/**
 * The hand-over's `accounts.json`: every account the case names (the account
 * itself, or the group's admins and members) with its phone number. Phones are
 * stored encrypted; the package carries them decrypted only when the exporter
 * was given the data key's decryptor, and counts how many it revealed so the
 * audit entry says so. A number that cannot be decrypted (another key, a
 * damaged value) is named as such, never dropped silently.
 */
import type { CaseAccount } from "../../store/repositories/case-accounts-repository.js";

export interface HandoverAccount {
  platform: string;
  account_id: string;
  name: string | null;
  relation: CaseAccount["relation"];
  joined_at: string | null;
  left_at: string | null;
  phone: string | null;
  /** Why `phone` is null: none stored, not revealed by this export, or unreadable with this key. */
  phone_status: "revealed" | "none" | "withheld" | "unreadable";
  /** Country and carrier prefix, kept in clear for network expansion. */
  phone_prefix: string | null;
}

export function handoverAccounts(
  platform: string,
  accounts: CaseAccount[],
  revealPhone: ((sealed: string) => string | null) | undefined,
): { accounts: HandoverAccount[]; revealed: number } {
  let revealed = 0;
  const list = accounts.map((a): HandoverAccount => {
    let phone: string | null = null;
    let status: HandoverAccount["phone_status"] = "none";
    if (a.phoneEncrypted) {
      if (!revealPhone) status = "withheld";
      else {
        phone = revealPhone(a.phoneEncrypted);
        status = phone === null ? "unreadable" : "revealed";
        if (phone !== null) revealed++;
      }
    }
    return {
      platform,
      account_id: a.accountId,
      name: a.name,
      relation: a.relation,
      joined_at: a.joinedAt?.toISOString() ?? null,
      left_at: a.leftAt?.toISOString() ?? null,
      phone,
      phone_status: status,
      phone_prefix: a.phonePrefix,
    };
  });
  return { accounts: list, revealed };
}
