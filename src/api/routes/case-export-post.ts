/**
 * POST /v1/cases/:id/export: writes the case's police hand-over package
 * (src/report/handover) into `<dataDir>/exports/` on the server and answers
 * where, with the manifest's SHA-256 and the signing key's fingerprint. Only
 * roles with `evidence.export` (admin, law-enforcement liaison) may: the
 * package holds the media and the accounts' phone numbers decrypted. The export, and every file decrypted for
 * it, are in the audit log under the signed-in user.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { z } from "zod";
import { exportCase } from "../../report/handover/export-case.js";
import { defineRoute } from "../route.js";

export const CaseExportResponse = z.object({
  case_id: z.number().int(),
  package: z.string().describe("folder on the server holding the package"),
  files: z.number().int(),
  manifest_sha256: z.string(),
  key_fingerprint: z.string(),
});

export const postCaseExport = defineRoute({
  method: "POST",
  url: "/v1/cases/:id/export",
  summary: "Write a signed police hand-over package of a case (admin, law-enforcement liaison)",
  scope: null,
  permission: "evidence.export",
  params: z.object({ id: z.coerce.number().int().positive() }),
  responses: { 201: CaseExportResponse },
  async handler(ctx, { params, caller, reply }) {
    const user = caller.user;
    if (!user) throw new Error("evidence.export is a console permission; the session names the user");
    const store = ctx.handoverEvidence;
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const outDir = join(
      ctx.config.dataDir,
      "exports",
      `case-${params.id}-${stamp}-${randomBytes(3).toString("hex")}`,
    );
    const key = await ctx.exportSigningKey();
    const exported = await exportCase(store, {
      caseId: params.id,
      outDir,
      key,
      by: { actor: caller.actor, role: user.role },
      // Only evidence.export roles get here; the audit entry counts the numbers revealed.
      revealPhone: (sealed) => ctx.fields.open(sealed),
    });
    reply.code(201);
    return {
      case_id: params.id,
      package: exported.dir,
      files: exported.manifest.files.length,
      manifest_sha256: exported.manifestSha256,
      key_fingerprint: key.fingerprint,
    };
  },
});
