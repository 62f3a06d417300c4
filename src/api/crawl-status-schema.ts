/**
 * What GET /v1/crawl/status and the console's crawler page show (zod only, so
 * the console can import its type).
 */
import { z } from "zod";

export const CrawlStatus = z.object({
  scheduler: z
    .object({
      holder: z.string(),
      lease_live: z.boolean(),
      expires_at: z.string(),
      last_tick_at: z.string().nullable(),
      last_tick: z.record(z.string(), z.unknown()),
    })
    .nullable(),
  runs: z.array(
    z.object({
      id: z.number(),
      source: z.string(),
      status: z.enum(["running", "finished"]),
      started_at: z.string(),
      finished_at: z.string().nullable(),
      pages: z.record(z.string(), z.number()),
      stats: z.record(z.string(), z.unknown()),
    }),
  ),
  links: z.array(z.object({ platform: z.string(), liveness: z.string(), n: z.number() })),
  submissions: z.object({ pending: z.number(), failing: z.number(), submitted: z.number() }),
  time_to_removal: z.array(
    z.object({
      platform: z.string(),
      removed: z.number(),
      pending: z.number(),
      median_seconds: z.number().nullable(),
      p90_seconds: z.number().nullable(),
    }),
  ),
});
export type CrawlStatusView = z.infer<typeof CrawlStatus>;
