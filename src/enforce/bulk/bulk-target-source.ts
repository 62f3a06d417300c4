/**
 * Where a batch's targets come from. A batch is made from a list given by a person, or (wired
 * later) from a confirmed network expansion: both are a `BulkTargetSource`, read in pages so a
 * 130,000-target ring never has to arrive in one request.
 */
import type { BulkSourceRef, BulkTarget } from "../../domain/bulk.js";

export type { BulkSourceRef };

export interface BulkTargetSource {
  readonly ref: BulkSourceRef;
  /** Yields the targets in pages; the batch stores each page before asking for the next. */
  pages(pageSize: number): AsyncIterable<readonly BulkTarget[]>;
}

/** Targets held in memory: given directly (the API body, a CLI file), or read from an expansion. */
export function listTargetSource(
  targets: readonly BulkTarget[],
  ref: BulkSourceRef = { kind: "list" },
): BulkTargetSource {
  return {
    ref,
    async *pages(pageSize) {
      for (let i = 0; i < targets.length; i += pageSize) yield targets.slice(i, i + pageSize);
    },
  };
}

/** Resolves an expansion id to its targets; the expansion module provides one and the server wires it. */
export type ExpansionTargetResolver = (expansionId: string) => Promise<BulkTargetSource | null>;
