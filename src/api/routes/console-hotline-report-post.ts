/**
 * POST /v1/console/hotline-reports: an analyst files a hotline caller's
 * report from the console. It enters the pipeline exactly as POST /v1/reports
 * does (a `report.created` event through acceptEvents) with source `hotline`.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { PlatformEvent } from "../../domain/event-schema.js";
import { acceptEvents } from "../../intake/accept-events.js";
import { HotlineReport, hotlineReportFields } from "../../intake/hotline-report.js";
import { ApiError } from "../errors.js";
import { defineRoute } from "../route.js";

export const postConsoleHotlineReport = defineRoute({
  method: "POST",
  url: "/v1/console/hotline-reports",
  summary:
    "Record a hotline caller's report (links, phone numbers, screenshots, notes) as a report with source hotline",
  scope: null,
  permission: "reports.hotline",
  body: HotlineReport,
  responses: {
    202: z.object({ id: z.string(), status: z.enum(["accepted", "duplicate"]), seq: z.number().nullable() }),
  },
  async handler(ctx, { body, caller, reply }) {
    const known = await ctx.repos.media.getMany(body.screenshots);
    const unknown = body.screenshots.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new ApiError("InvalidRequest", "screenshots must be uploaded first (POST /v1/console/media)", [
        { unknown_media: unknown },
      ]);
    }
    const event = PlatformEvent.parse({
      id: `r_${randomBytes(12).toString("base64url")}`,
      type: "report.created",
      platform: body.platform,
      occurred_at: new Date().toISOString(),
      report: hotlineReportFields(body, caller.actor),
    });
    const [result] = await acceptEvents(ctx.repos.events, ctx.queue, [event]);
    await ctx.repos.audit.append({
      actor: caller.actor,
      action: "report.hotline",
      targetType: "report",
      targetId: result.id,
      detail: { subject: body.subject, links: body.links.length, screenshots: body.screenshots.length },
    });
    reply.status(202);
    return { id: result.id, status: result.status, seq: result.seq ?? null };
  },
});
