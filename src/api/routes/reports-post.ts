/**
 * POST /v1/reports: a user or hotline report. It enters the pipeline as a
 * `report.created` event (so it is deduplicated, decided and audited like any
 * other), and is recorded in the reports table with its decision.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { Platform, PlatformEvent, ReportFields } from "../../domain/event-schema.js";
import { acceptEvents } from "../../intake/accept-events.js";
import { defineRoute } from "../route.js";

export const ReportBody = ReportFields.extend({
  platform: Platform,
  /** Idempotency key; generated when absent (then a retried request files a second report). */
  id: z.string().min(1).max(200).optional(),
  occurred_at: z.iso.datetime({ offset: true }).optional(),
});

export const postReport = defineRoute({
  method: "POST",
  url: "/v1/reports",
  summary: "File a user or hotline report about a group, account, invite link or media",
  scope: "reports:write",
  body: ReportBody,
  responses: { 202: z.object({ id: z.string(), status: z.enum(["accepted", "duplicate"]) }) },
  async handler(ctx, { body, reply }) {
    const { platform, id, occurred_at, ...report } = body;
    const event = PlatformEvent.parse({
      id: id ?? `r_${randomBytes(12).toString("base64url")}`,
      type: "report.created",
      platform,
      occurred_at: occurred_at ?? new Date().toISOString(),
      report,
    });
    const [result] = await acceptEvents(ctx.repos.events, ctx.queue, [event]);
    reply.status(202);
    return { id: result.id, status: result.status };
  },
});
