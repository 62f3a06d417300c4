/**
 * The crawler at a glance (for those who may read metrics): time to removal
 * per platform after Vigil acted, as a table with a bar per median; links by
 * liveness; the scheduler's last round and recent runs with their pages.
 */
import { type JSX, useCallback, useEffect, useState } from "react";
import type { CrawlStatusView } from "../../src/api/crawl-status-schema.js";
import { call } from "./api.js";
import { Failure } from "./failure.js";
import { useShortcuts } from "./shortcuts.js";
import { t } from "./strings.js";

const loadCrawl = () => call<CrawlStatusView>("GET", "/v1/console/crawl");

export function CrawlPage({ onBack }: { onBack(): void }): JSX.Element {
  const [status, setStatus] = useState<CrawlStatusView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const overlay = useShortcuts([{ key: "q", label: t.back, run: onBack }]);
  const load = useCallback(() => {
    setError(null);
    loadCrawl().then(setStatus, setError);
  }, []);
  useEffect(load, [load]);
  const longest = Math.max(1, ...(status?.time_to_removal ?? []).map((r) => r.median_seconds ?? 0));
  return (
    <main>
      <h1>{t.crawler}</h1>
      <Failure error={error} onRetry={load} />
      {status && (
        <>
          <h2>{t.timeToRemoval}</h2>
          <table>
            <thead>
              <tr>
                <th>{t.platform}</th>
                <th>{t.removed}</th>
                <th>{t.pendingRemoval}</th>
                <th>{t.median}</th>
                <th>p90</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {status.time_to_removal.map((r) => (
                <tr key={r.platform}>
                  <td>{r.platform}</td>
                  <td>{r.removed}</td>
                  <td>{r.pending}</td>
                  <td>{t.age(r.median_seconds)}</td>
                  <td>{t.age(r.p90_seconds)}</td>
                  <td>
                    <div
                      className="bar"
                      style={{
                        width: `${Math.round((100 * (r.median_seconds ?? 0)) / longest)}px`,
                        height: "0.8em",
                        background: "currentColor",
                        opacity: 0.5,
                      }}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t.linksByLiveness}</h2>
          <p>{status.links.map((l) => `${l.platform} ${l.liveness}: ${l.n}`).join(" · ") || "—"}</p>
          <p className="muted">
            {t.crawlLastRound(status.scheduler?.last_tick_at ?? null)} ·{" "}
            {t.crawlBacklog(status.submissions.pending, status.submissions.failing)}
          </p>
          <ul>
            {status.runs.map((run) => (
              <li key={run.id}>
                #{run.id} {run.source} {run.status} {new Date(run.started_at).toLocaleString()}:{" "}
                {Object.entries(run.pages)
                  .map(([state, n]) => `${state} ${n}`)
                  .join(", ")}
              </li>
            ))}
          </ul>
        </>
      )}
      {overlay}
    </main>
  );
}
