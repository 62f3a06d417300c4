/**
 * The retention job inside `vigil serve`: first a minute after start (so a
 * server restarted more often than the interval still purges), then every
 * interval; one run at a time; failures are logged, never thrown.
 */
import type { Logger } from "pino";
import type { EvidenceDeps } from "./evidence-deps.js";
import { runRetention } from "./retention-job.js";

export interface RetentionSchedule {
  stop(): Promise<void>;
}

const FIRST_RUN_MS = 60_000;

export function startRetentionSchedule(
  deps: EvidenceDeps,
  settings: { retentionDays: number; purgeIntervalMs: number },
  log: Logger,
  firstRunMs = FIRST_RUN_MS,
): RetentionSchedule {
  if (settings.purgeIntervalMs <= 0) return { stop: async () => undefined };
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = runRetention(deps, { retentionDays: settings.retentionDays })
      .then((summary) => {
        const { purgedItems: _items, ...counts } = summary;
        log.info(counts, "evidence retention run finished");
      })
      .catch((error: unknown) => log.error({ err: error }, "evidence retention run failed"))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, Math.min(firstRunMs, settings.purgeIntervalMs));
  const every = setInterval(tick, settings.purgeIntervalMs);
  first.unref();
  every.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(every);
      await running;
    },
  };
}
