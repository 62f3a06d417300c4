/**
 * The evidence store as one object: legal holds, audited access, guarded
 * deletion and the retention job over the same dependencies. What `vigil
 * serve`, the CLI and (at merge) the CyberTipline module hold on to.
 */
import { EvidenceAccess } from "./evidence-access.js";
import { EvidenceDeletion } from "./evidence-deletion.js";
import type { EvidenceDeps } from "./evidence-deps.js";
import { LegalHolds } from "./legal-hold.js";
import { type RetentionOptions, type RetentionSummary, runRetention } from "./retention-job.js";

export interface EvidenceStore {
  deps: EvidenceDeps;
  holds: LegalHolds;
  access: EvidenceAccess;
  deletion: EvidenceDeletion;
  purge(options: RetentionOptions): Promise<RetentionSummary>;
}

export function evidenceStore(deps: EvidenceDeps): EvidenceStore {
  return {
    deps,
    holds: new LegalHolds(deps),
    access: new EvidenceAccess(deps),
    deletion: new EvidenceDeletion(deps),
    purge: (options) => runRetention(deps, options),
  };
}
