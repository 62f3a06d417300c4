/**
 * The crawler's metrics: time to removal per platform as a histogram
 * (Project Arachnid's headline figure), links by liveness, the submission
 * backlog and the scheduler's last round. Removal times come from the
 * database (every confirmed removal, whichever process saw it), refreshed
 * each scheduler tick, so every worker reports the same totals and a restart
 * does not reset them.
 */
import { Counter, Gauge, type MetricsRegistry } from "./registry.js";

/** A minute to a month: platforms take from minutes to weeks to kill a reported link. */
export const REMOVAL_BUCKETS_SECONDS = [
  60, 300, 900, 1800, 3600, 7200, 21_600, 43_200, 86_400, 259_200, 604_800, 2_592_000,
];

type Labels = Record<string, string>;

function labelText(labels: Labels, extra = ""): string {
  const parts = Object.entries(labels)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`);
  if (extra) parts.push(extra);
  return parts.length > 0 ? `{${parts.join(",")}}` : "";
}

/** A labelled histogram whose observations are replaced whole from a snapshot. */
export class SnapshotHistogram {
  private series = new Map<string, { labels: Labels; values: number[] }>();

  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {}

  replace(samples: { labels: Labels; value: number }[]): void {
    const next = new Map<string, { labels: Labels; values: number[] }>();
    for (const s of samples) {
      const key = labelText(s.labels);
      const entry = next.get(key) ?? { labels: s.labels, values: [] };
      entry.values.push(s.value);
      next.set(key, entry);
    }
    this.series = next;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const { labels, values } of this.series.values()) {
      for (const b of this.buckets) {
        const n = values.filter((v) => v <= b).length;
        lines.push(`${this.name}_bucket${labelText(labels, `le="${b}"`)} ${n}`);
      }
      lines.push(`${this.name}_bucket${labelText(labels, 'le="+Inf"')} ${values.length}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${values.reduce((a, v) => a + v, 0)}`);
      lines.push(`${this.name}_count${labelText(labels)} ${values.length}`);
    }
    return lines;
  }
}

/** Current values as labelled series, replaced whole (a labelled gauge). */
export class SnapshotGauge {
  private series: { labels: Labels; value: number }[] = [];

  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  replace(series: { labels: Labels; value: number }[]): void {
    this.series = series;
  }

  render(): string[] {
    return [
      `# HELP ${this.name} ${this.help}`,
      `# TYPE ${this.name} gauge`,
      ...this.series.map((s) => `${this.name}${labelText(s.labels)} ${s.value}`),
    ];
  }
}

export interface CrawlMetrics {
  timeToRemoval: SnapshotHistogram;
  links: SnapshotGauge;
  submissions: SnapshotGauge;
  ticks: Counter;
  checks: Counter;
  pages: Counter;
}

export function crawlMetrics(registry: MetricsRegistry, lastTick: () => number): CrawlMetrics {
  const metrics: CrawlMetrics = {
    timeToRemoval: registry.add(
      new SnapshotHistogram(
        "vigil_crawl_time_to_removal_seconds",
        "From Vigil's first action on an invite link (since=action) or its discovery (since=discovery) to its confirmed removal, by platform.",
        REMOVAL_BUCKETS_SECONDS,
      ),
    ),
    links: registry.add(
      new SnapshotGauge("vigil_crawl_links", "Crawled invite links by platform and liveness."),
    ),
    submissions: registry.add(
      new SnapshotGauge(
        "vigil_crawl_submissions",
        "Crawler submissions to the service: pending, failing (pending, failed at least once), submitted.",
      ),
    ),
    ticks: registry.add(
      new Counter(
        "vigil_crawl_ticks_total",
        "Crawl scheduler rounds in this process, by lease (held, standby).",
      ),
    ),
    checks: registry.add(
      new Counter("vigil_crawl_checks_total", "Liveness checks by this process's scheduler."),
    ),
    pages: registry.add(
      new Counter("vigil_crawl_pages_total", "Directory pages visited by scheduled crawls, by outcome."),
    ),
  };
  registry.add(
    new Gauge(
      "vigil_crawl_last_tick_timestamp_seconds",
      "When this process last finished a scheduler round holding the lease (0: never).",
      lastTick,
    ),
  );
  return metrics;
}
