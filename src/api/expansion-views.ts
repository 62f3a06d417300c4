/** Request and response schemas of the expansion routes (API and console share them). */
import { z } from "zod";
import { Platform, PlatformId } from "../domain/event-schema.js";
import type { StoredExpansion } from "../enforce/expansion/expansion-service.js";

export const ExpansionRequest = z.strictObject({
  seed: z.strictObject({ type: z.enum(["group", "account"]), id: PlatformId, platform: Platform }),
  /** Candidates kept, highest score first. */
  limit: z.int().min(1).max(50_000).default(1000),
  minScore: z.number().min(0).default(0),
});
export type ExpansionRequest = z.infer<typeof ExpansionRequest>;

export const EvidenceView = z.object({ kind: z.string(), weight: z.number(), detail: z.string() });

export const CandidateView = z.object({
  rank: z.int(),
  subjectKind: z.enum(["account", "group"]),
  platformId: z.string(),
  score: z.number(),
  evidence: z.array(EvidenceView),
  suggestedAction: z.enum(["ban_account", "disable_group", "review"]),
});

export const ExpansionView = z.object({
  id: z.string(),
  platform: z.string(),
  seed: z.object({ type: z.enum(["group", "account"]), id: z.string() }),
  params: z.record(z.string(), z.unknown()),
  status: z.enum(["running", "finished", "failed"]),
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
});

export const ExpansionResponse = z.object({ expansion: ExpansionView, candidates: z.array(CandidateView) });
export type ExpansionResponse = z.infer<typeof ExpansionResponse>;

export function expansionResponse(stored: StoredExpansion): ExpansionResponse {
  const e = stored.expansion;
  const { weights: _weights, ...params } = e.params;
  return {
    expansion: {
      id: e.publicId,
      platform: e.platform,
      seed: { type: e.seedKind, id: e.seedId },
      params,
      status: e.status,
      createdBy: e.createdBy,
      createdAt: e.createdAt.toISOString(),
      finishedAt: e.finishedAt ? e.finishedAt.toISOString() : null,
      summary: e.summary,
    },
    candidates: stored.candidates.map((c, i) => ({ rank: i + 1, ...c })),
  };
}
