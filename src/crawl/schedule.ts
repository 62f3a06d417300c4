/**
 * Which configured sources are due: a source with a schedule ("6h") is due when
 * its last finished run is older than that, or it never finished one; a source
 * without a schedule runs only when asked for by name or without --due.
 * Pure, so `vigil crawl run --due` can be driven by cron or a systemd timer.
 */
import { intervalMs, type SourceConfig } from "./crawl-config.js";

export function dueSources(
  sources: SourceConfig[],
  lastFinished: ReadonlyMap<string, Date>,
  now: Date,
): SourceConfig[] {
  return sources.filter((source) => {
    if (!source.schedule) return false;
    const last = lastFinished.get(source.name);
    return !last || now.getTime() - last.getTime() >= intervalMs(source.schedule);
  });
}
