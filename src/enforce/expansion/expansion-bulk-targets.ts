/**
 * A finished network expansion as the targets of a bulk enforcement batch
 * (`POST /v1/bulk-actions {"expansion_id": …}`): every candidate whose
 * suggested action is an enforcement (ban the account, disable the group),
 * with its evidence kinds as the batch's evidence labels. Candidates the
 * expansion only suggests for review stay out: they need a person's look, not
 * a batch. The batch still needs its confirmations before anything is sent.
 */
import type { BulkTarget } from "../../domain/bulk.js";
import type { ExpansionRepository } from "../../store/repositories/expansion-repository.js";
import {
  type BulkTargetSource,
  type ExpansionTargetResolver,
  listTargetSource,
} from "../bulk/bulk-target-source.js";

export function expansionBulkTargets(expansions: ExpansionRepository): ExpansionTargetResolver {
  return async (expansionId: string): Promise<BulkTargetSource | null> => {
    const row = await expansions.get(expansionId);
    if (row?.status !== "finished") return null;
    const targets: BulkTarget[] = [];
    for (const c of await expansions.candidates(row.id)) {
      if (c.suggestedAction === "review") continue;
      targets.push({
        subjectKind: c.subjectKind,
        platformId: c.platformId,
        action: c.suggestedAction,
        evidence: [...new Set(c.evidence.map((e) => e.kind))],
      });
    }
    return listTargetSource(targets, { kind: "expansion", expansionId });
  };
}
