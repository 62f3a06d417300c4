/**
 * "Start reviewing" under load, on PGlite and on PostgreSQL (where requests
 * really run at once on separate connections): many reviewers ask for the
 * next case of one queue at the same time, repeatedly, and no case is ever
 * handed to two of them; every case is handed out.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { openDatabase } from "../../src/store/database.js";
import { ClaimRepository } from "../../src/store/repositories/claim-repository.js";
import { cases } from "../../src/store/schema.js";
import { databaseKinds } from "../support/databases.js";

const CASES = 120;
const REVIEWERS = 16;

for (const kind of databaseKinds) {
  test(`concurrent next-case claims hand each case once (${kind.label})`, { skip: kind.skip }, async () => {
    const target = await kind.make();
    const database = await openDatabase(target.options);
    try {
      await database.db.insert(cases).values(
        Array.from({ length: CASES }, (_, i) => ({
          platform: "demo",
          subjectType: "group" as const,
          subjectId: `g${i}`,
          queue: "busy",
          priority: i % 3,
        })),
      );
      const claims = new ClaimRepository(database.db);
      const handed = new Map<number, string>();
      const twice: string[] = [];
      await Promise.all(
        Array.from({ length: REVIEWERS }, async (_, r) => {
          const actor = `user:r${r}`;
          for (;;) {
            const row = await claims.claimNext("busy", actor, 600);
            if (!row) return;
            const holder = handed.get(row.id);
            if (holder && holder !== actor) twice.push(`${row.id}: ${holder} and ${actor}`);
            handed.set(row.id, actor);
            // Close it the way a decision does, so the reviewer's next call asks for a new case.
            await database.exec(`UPDATE cases SET status = 'closed' WHERE id = ${row.id}`);
          }
        }),
      );
      assert.deepEqual(twice, [], "no case handed to two reviewers");
      assert.equal(handed.size, CASES, "every case handed out");
    } finally {
      await database.close();
      await target.dispose();
    }
  });
}
