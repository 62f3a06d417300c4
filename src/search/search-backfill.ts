/**
 * Fills the search columns of subjects stored before search existed
 * (migration 0019): folded names and descriptions, and phone numbers' keyed
 * hashes (opened with the data key only to hash them). Runs at start in
 * chunks; a number that cannot be opened (another key) is left unsearchable
 * and counted, never guessed.
 */
import type { SearchIndexRepository } from "../store/repositories/search-index-repository.js";
import { foldForSearch } from "./fold-text.js";

const CHUNK = 2000;

export interface BackfillKeys {
  phoneKey(e164: string): string;
  openField(sealed: string): string | null;
}

export async function backfillSearchColumns(
  repo: SearchIndexRepository,
  keys: BackfillKeys,
): Promise<{ accounts: number; groups: number; unreadablePhones: number }> {
  let accounts = 0;
  let groups = 0;
  let unreadablePhones = 0;
  for (let after = 0; ; ) {
    const rows = await repo.accounts(after, CHUNK);
    if (rows.length === 0) break;
    await repo.setAccounts(
      rows.map((r) => {
        const phone = r.phoneEncrypted ? keys.openField(r.phoneEncrypted) : null;
        if (r.phoneEncrypted && !phone) unreadablePhones++;
        return {
          id: r.id,
          searchName: r.name === null ? null : foldForSearch(r.name),
          phoneKey: phone ? keys.phoneKey(phone) : null,
        };
      }),
    );
    accounts += rows.length;
    after = rows[rows.length - 1].id;
  }
  for (let after = 0; ; ) {
    const rows = await repo.groups(after, CHUNK);
    if (rows.length === 0) break;
    await repo.setGroups(
      rows.map((r) => ({
        id: r.id,
        searchName: r.name === null ? null : foldForSearch(r.name),
        searchDescription: r.description === null ? null : foldForSearch(r.description),
      })),
    );
    groups += rows.length;
    after = rows[rows.length - 1].id;
  }
  return { accounts, groups, unreadablePhones };
}
