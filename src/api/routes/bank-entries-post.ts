/**
 * POST /v1/banks/:name/entries: add hashes to a bank (created if new), e.g. a
 * confirmed case's photo. The matching index picks them up before the answer
 * returns, so the next event is matched against them.
 */
import { z } from "zod";
import { normaliseHashValue } from "../../banks/bank-files/signal-values.js";
import { PROVENANCES } from "../../store/schema.js";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

/** Vigil's names, and python-threatexchange's (as HMA and pytx tools send them). */
const HASH_TYPES = {
  pdq: "pdq",
  md5: "md5",
  sha256: "sha256",
  video_md5: "md5",
  video_sha256: "sha256",
  photo_md5: "md5",
} as const;

const Entry = z.strictObject({
  signal_type: z.enum(Object.keys(HASH_TYPES) as [keyof typeof HASH_TYPES, ...(keyof typeof HASH_TYPES)[]]),
  value: z.string().max(200),
  quality: z.int().min(0).max(100).optional(),
  provenance: z.enum(PROVENANCES).default("unconfirmed"),
  source: z.string().max(200).optional(),
  confidence: z.number().min(0).max(1).optional(),
  ignored: z.boolean().optional(),
});

export const postBankEntries = defineRoute({
  method: "POST",
  url: "/v1/banks/:name/entries",
  summary: "Add hashes to a bank (created when new); duplicates are counted, not errors",
  scope: "banks:write",
  bodyLimit: "intake",
  params: z.object({ name: z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/) }),
  body: z.strictObject({ entries: z.array(Entry).min(1).max(10_000) }),
  responses: { 200: z.object({ inserted: z.number(), duplicates: z.number() }) },
  async handler(ctx, { params, body, caller }) {
    const rows = body.entries.map((e, i) => {
      const signalType = HASH_TYPES[e.signal_type];
      const value = normaliseHashValue(signalType, e.value);
      if (typeof value !== "string") {
        throw new ApiError("InvalidRequest", value.error, [
          { path: `body.entries.${i}.value`, message: value.error },
        ]);
      }
      return {
        signalType,
        value,
        quality: e.quality ?? null,
        provenance: e.provenance,
        source: e.source ?? "",
        confidence: e.confidence ?? null,
        ignored: e.ignored ?? false,
        addedBy: caller.actor,
      };
    });
    const bank = await ctx.repos.banks.ensure(params.name);
    const result = await ctx.repos.banks.addEntries(bank.id, rows);
    await ctx.repos.audit.append({
      actor: caller.actor,
      action: "bank.add_entries",
      targetType: "bank",
      targetId: bank.name,
      detail: { ...result },
    });
    await ctx.matcher.refresh();
    return result;
  },
});
