/**
 * Issue 10's quality bar on the small synthetic network, on PGlite and
 * PostgreSQL: expanding from each ring's confirmed group puts at least 95% of
 * the ring's accounts in the top N (N = ring size) with at most 5% from
 * outside, and every candidate's score is the sum of its evidence.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { ExpansionCandidate } from "../../../src/enforce/expansion/evidence.js";
import { expandFromSeed } from "../../../src/enforce/expansion/expand.js";
import {
  plantRings,
  SMALL_NETWORK,
  SYNTHETIC_PLATFORM,
} from "../../../src/enforce/expansion/synthetic-network.js";
import { loadWeights } from "../../../src/enforce/expansion/weights.js";
import { openDatabase } from "../../../src/store/database.js";
import { ExpansionGraphRepository } from "../../../src/store/repositories/expansion-graph-repository.js";
import { SyntheticNetworkWriter } from "../../../src/store/repositories/synthetic-network-writer.js";
import { databaseKinds } from "../../support/databases.js";

for (const kind of databaseKinds) {
  test(`expansion from a planted group finds its ring (${kind.label})`, {
    skip: kind.skip,
    timeout: 600_000,
  }, async () => {
    const target = await kind.make();
    const database = await openDatabase(target.options);
    try {
      const rings = plantRings(SMALL_NETWORK);
      await new SyntheticNetworkWriter(database.db).write(SYNTHETIC_PLATFORM, SMALL_NETWORK, rings);
      const graph = new ExpansionGraphRepository(database.db);
      const weights = loadWeights();
      for (const ring of rings) {
        const truth = new Set(ring.accounts.map((a) => a.externalId));
        const result = await expandFromSeed(
          graph,
          weights,
          { kind: "group", platform: SYNTHETIC_PLATFORM, id: ring.seed },
          { limit: 5000, minScore: 0 },
        );
        const top = result.candidates.filter((c) => c.subjectKind === "account").slice(0, truth.size);
        const found = top.filter((c) => truth.has(c.platformId)).length;
        const recall = found / truth.size;
        const outside = (top.length - found) / Math.max(1, top.length);
        assert.ok(recall >= 0.95, `ring ${ring.index}: recall ${recall} (${found}/${truth.size})`);
        assert.ok(outside <= 0.05, `ring ${ring.index}: ${outside} from outside`);
        for (const c of result.candidates) assertExplained(c);
        const groups = result.candidates
          .filter((c) => c.subjectKind === "group")
          .slice(0, ring.groups.length - 1);
        const ringGroups = new Set(ring.groups.map((g) => g.externalId));
        assert.ok(
          groups.every((g) => ringGroups.has(g.platformId)),
          `ring ${ring.index}: groups ${groups.map((g) => g.platformId)}`,
        );
      }
    } finally {
      await database.close();
      await target.dispose();
    }
  });
}

function assertExplained(c: ExpansionCandidate): void {
  assert.ok(c.evidence.length > 0, `${c.platformId} has no evidence`);
  const sum = Math.round(c.evidence.reduce((s, e) => s + e.weight, 0) * 1000) / 1000;
  assert.equal(sum, c.score, `${c.platformId}: score is the sum of its evidence`);
  for (const e of c.evidence) assert.ok(e.detail.length > 0);
}
