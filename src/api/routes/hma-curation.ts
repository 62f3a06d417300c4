/**
 * HMA's curation API on Vigil (OpenMediaMatch `/c`), the parts tools call to
 * bank and read content: the bank list, one content item by id, banking by
 * upload, URL or hashes, and removal. What is banked here is unconfirmed: a
 * match on it routes to review until someone confirms it.
 */
import { z } from "zod";
import { ApiError } from "../errors.js";
import { hashUpload, hashUrl, hmaCall } from "../hma-media.js";
import { defineRoute } from "../route.js";

const BankName = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, "a bank name");
const BankConfig = z.object({ name: z.string(), matching_enabled_ratio: z.number() });
const Added = z.object({ id: z.number(), signals: z.record(z.string(), z.string()) });
const Note = z.string().max(255, "note must be at most 255 characters");
/** HMA's BankedContentMetadata (its `collab` part is the exchange's own and is never taken from a client). */
const Metadata = z.object({
  content_id: z.string().max(500).optional(),
  content_uri: z.string().max(4096).optional(),
  json: z.record(z.string(), z.unknown()).optional(),
});
const ContentBody = z.object({ metadata: Metadata.nullish(), note: Note.nullish() });

/** Vigil keeps entry metadata as strings: HMA's `json` object is kept as its JSON text. */
function storedMetadata(body: z.infer<typeof ContentBody>): Record<string, string> {
  const m = body.metadata ?? {};
  const out: Record<string, string> = {};
  if (m.content_id !== undefined) out.content_id = m.content_id;
  if (m.content_uri !== undefined) out.content_uri = m.content_uri;
  if (m.json !== undefined) out.json = JSON.stringify(m.json);
  if (body.note) out.note = body.note;
  return out;
}

export const listHmaBanks = defineRoute({
  method: "GET",
  url: "/c/banks",
  summary: "HMA: every bank as `{name, matching_enabled_ratio}`",
  scope: "banks:read",
  responses: { 200: z.array(BankConfig) },
  async handler(ctx) {
    return ctx.hma.listBanks();
  },
});

/** HMA's bank name rule: capitals, digits and underscores, not starting with a digit. */
const HmaBankName = z.string().regex(/^[A-Z_][A-Z0-9_]{0,99}$/, "Bank names must be UPPER_WITH_UNDERSCORE");

export const postHmaBank = defineRoute({
  method: "POST",
  url: "/c/banks",
  summary: "HMA: create a bank; Vigil banks match fully or not at all (enabled_ratio 1.0 or 0.0)",
  scope: "banks:write",
  body: z.object({
    name: HmaBankName,
    enabled_ratio: z.union([z.literal(0), z.literal(1)]).optional(),
    enabled: z.boolean().optional(),
  }),
  responses: { 201: BankConfig },
  async handler(ctx, { body, reply, caller }) {
    const enabled = body.enabled_ratio !== undefined ? body.enabled_ratio === 1 : (body.enabled ?? true);
    const created = await hmaCall(() => ctx.hma.createBank(body.name, enabled));
    await ctx.repos.audit.append({
      actor: caller.actor,
      action: "bank.create",
      targetType: "bank",
      targetId: body.name,
    });
    reply.status(201);
    return created;
  },
});

export const getHmaBankContent = defineRoute({
  method: "GET",
  url: "/c/bank/:bank_name/content/:content_id",
  summary: "HMA: one banked content item, with its signals and metadata when asked",
  scope: "banks:read",
  params: z.object({
    bank_name: BankName,
    content_id: z.coerce
      .number()
      .int()
      .min(1)
      .max(2 ** 53),
  }),
  query: z.object({
    include_signals: z.string().max(10).optional(),
    include_metadata: z.string().max(10).optional(),
  }),
  responses: { 200: z.record(z.string(), z.unknown()) },
  async handler(ctx, { params, query }) {
    const signals = (query.include_signals ?? "false").toLowerCase() === "true";
    const metadata = (query.include_metadata ?? "true").toLowerCase() === "true";
    return hmaCall(() => ctx.hma.getContent(params.bank_name, params.content_id, signals, metadata));
  },
});

export const postHmaBankContent = defineRoute({
  method: "POST",
  url: "/c/bank/:bank_name/content",
  summary:
    "HMA: bank the media at `url` or an uploaded file (field `photo` or `video`); answers its id and signals",
  scope: "banks:write",
  params: z.object({ bank_name: BankName }),
  query: z.object({
    url: z.string().max(4096).optional(),
    content_type: z.string().max(50).optional(),
    types: z.string().max(200).optional(),
  }),
  responses: { 200: Added },
  async handler(ctx, { params, query, request, caller }) {
    await hmaCall(() => ctx.hma.bank(params.bank_name));
    let hashes: Record<string, string>;
    let body: z.infer<typeof ContentBody> = {};
    if (query.url) {
      const parsed = ContentBody.safeParse(request.body ?? {});
      if (!parsed.success) throw new ApiError("InvalidRequest", "metadata should be a json object");
      body = parsed.data;
      hashes = await hashUrl(ctx, query.url, query.content_type, query.types);
    } else if (request.isMultipart()) {
      hashes = await hashUpload(ctx, request);
    } else {
      throw new ApiError("InvalidRequest", "Neither `url` nor multipart file upload was received");
    }
    return hmaCall(() => ctx.hma.addSignals(params.bank_name, hashes, storedMetadata(body), caller.actor));
  },
});

export const postHmaBankSignal = defineRoute({
  method: "POST",
  url: "/c/bank/:bank_name/signal",
  summary: "HMA: bank hashes directly, `{signal_type: hash, note?}`",
  scope: "banks:write",
  params: z.object({ bank_name: BankName }),
  body: z.record(z.string().max(50), z.string().max(500)),
  responses: { 200: Added },
  async handler(ctx, { params, body, caller }) {
    const { note, ...signals } = body;
    const parsedNote = Note.safeParse(note ?? "");
    if (!parsedNote.success) throw new ApiError("InvalidRequest", "note must be at most 255 characters");
    const metadata: Record<string, string> = note ? { note } : {};
    return hmaCall(() => ctx.hma.addSignals(params.bank_name, signals, metadata, caller.actor));
  },
});

export const deleteHmaBankContent = defineRoute({
  method: "DELETE",
  url: "/c/bank/:bank_name/content/:content_id",
  summary:
    "HMA: remove a content item from a bank (a shared, confirmed one is withdrawn from partners' feeds)",
  scope: "banks:write",
  params: z.object({
    bank_name: BankName,
    content_id: z.coerce
      .number()
      .int()
      .min(1)
      .max(2 ** 53),
  }),
  responses: { 200: z.object({ deleted: z.number() }) },
  async handler(ctx, { params }) {
    return hmaCall(() => ctx.hma.removeContent(params.bank_name, params.content_id));
  },
});
