/**
 * IP capture events the platform supplied for an account, as NCMEC's
 * `ipCaptureEvent`. The event contract has no field for them yet, so a
 * platform sends them in an account event's free-form `data`:
 *
 *   "data": {"ip_capture_events": [{"ip_address": "192.0.2.10", "event_name": "Login",
 *            "date_time": "2025-01-15T12:00:00Z", "port": 443, "possible_proxy": false}]}
 *
 * Entries that are not of that shape (or not an IP address) are left out
 * rather than sent wrong; at most 20 per account, newest events first.
 */
import { isIP } from "node:net";
import { z } from "zod";
import { IP_CAPTURE_TYPES, type IpCaptureEvent } from "./model.js";

const Entry = z.object({
  ip_address: z.string().refine((s) => isIP(s) !== 0, "an IP address"),
  event_name: z.enum(IP_CAPTURE_TYPES).optional(),
  date_time: z.iso.datetime({ offset: true }).optional(),
  port: z.int().min(0).max(65535).optional(),
  possible_proxy: z.boolean().optional(),
});

export const MAX_IP_CAPTURE_EVENTS = 20;

export function ipCaptureEvents(data: unknown[] | undefined): IpCaptureEvent[] | undefined {
  const out: IpCaptureEvent[] = [];
  const seen = new Set<string>();
  for (const raw of data ?? []) {
    const parsed = Entry.safeParse(raw);
    if (!parsed.success) continue;
    const e = parsed.data;
    const key = JSON.stringify(e);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      ipAddress: e.ip_address,
      eventName: e.event_name,
      dateTime: e.date_time,
      port: e.port,
      possibleProxy: e.possible_proxy,
    });
    if (out.length === MAX_IP_CAPTURE_EVENTS) break;
  }
  return out.length > 0 ? out : undefined;
}
