/**
 * The dashboard (issue 6, point 8): a period's figures from one server
 * aggregate, drawn as our own SVG charts with table fallbacks, and the same
 * figures as CSV from the server.
 */
import type { JSX } from "react";
import { useCallback, useEffect, useState } from "react";
import { BarChart } from "./charts.js";
import { Failure } from "./failure.js";
import { type DashboardView, reviewApi } from "./review-api.js";
import { t, t2 } from "./strings.js";

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const duration = (s: number | null) => (s === null ? "—" : t.age(s));

export function DashboardPage({ onBack }: { onBack(): void }): JSX.Element {
  const [from, setFrom] = useState(day(Date.now() - 6 * DAY_MS));
  const [to, setTo] = useState(day(Date.now()));
  const [view, setView] = useState<DashboardView | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The period is whole UTC days, `to` included.
  const period = useCallback(
    () => [`${from}T00:00:00Z`, new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS).toISOString()] as const,
    [from, to],
  );
  const load = useCallback(() => {
    const [a, b] = period();
    reviewApi.dashboard(a, b).then((v) => {
      setView(v);
      setError(null);
    }, setError);
  }, [period]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once on opening; later periods load on "Show".
  useEffect(load, []);
  const [csvFrom, csvTo] = period();
  return (
    <main className="dashboard">
      <header>
        <h1>{t2.dashboard}</h1>
        <button type="button" onClick={onBack}>
          {t.back}
        </button>
      </header>
      <form
        className="period"
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <label>
          {t2.from} <input type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t2.to} <input type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit">{t2.show}</button>{" "}
        <a href={reviewApi.dashboardCsvUrl(csvFrom, csvTo)}>{t.exportCsv}</a>
      </form>
      <Failure error={error} onRetry={load} />
      {view && <Figures view={view} />}
    </main>
  );
}

function Figures({ view }: { view: DashboardView }): JSX.Element {
  const tot = view.totals;
  return (
    <>
      <dl className="totals">
        {(
          [
            [t2.eventsIn, tot.events_in],
            [t2.casesOpened, tot.cases_opened],
            [t2.casesClosed, tot.cases_closed],
            [t2.automaticDecisions, tot.automatic_decisions],
            [t2.humanDecisions, tot.human_decisions],
            [t2.medianTimeToAction, duration(tot.median_seconds_to_action)],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="charts">
        <BarChart
          title={t2.perDay}
          labels={view.days.map((d) => d.day)}
          series={[
            { name: t2.eventsIn, values: view.days.map((d) => d.events_in) },
            { name: t2.casesOpened, values: view.days.map((d) => d.cases_opened) },
            { name: t2.casesClosed, values: view.days.map((d) => d.cases_closed) },
          ]}
        />
        <BarChart
          title={t2.actionsByType}
          labels={view.actions_by_type.map((a) => a.action)}
          series={[
            { name: t2.automatic, values: view.actions_by_type.map((a) => a.automatic) },
            { name: t2.human, values: view.actions_by_type.map((a) => a.human) },
          ]}
        />
        <BarChart
          title={t2.reportsBySource}
          labels={view.reports_by_source.map((r) => r.source)}
          series={[{ name: t2.count, values: view.reports_by_source.map((r) => r.count) }]}
        />
        <BarChart
          title={t2.perQueue}
          labels={view.queues.map((q) => q.queue)}
          series={[
            { name: t2.opened, values: view.queues.map((q) => q.opened) },
            { name: t2.decidedCount, values: view.queues.map((q) => q.decided) },
          ]}
        />
        <BarChart
          title={`${t2.perQueue}: ${t2.medianTimeToAction}`}
          labels={view.queues.map((q) => q.queue)}
          series={[
            { name: t2.medianTimeToAction, values: view.queues.map((q) => q.median_seconds_to_action ?? 0) },
          ]}
          format={(s) => t.age(s)}
        />
        <BarChart
          title={t2.perReviewer}
          labels={view.reviewers.map((r) => r.reviewer.replace(/^user:/, ""))}
          series={[{ name: t2.decisions, values: view.reviewers.map((r) => r.decisions) }]}
        />
        <BarChart
          title={`${t2.perReviewer}: ${t2.medianTimeToAction}`}
          labels={view.reviewers.map((r) => r.reviewer.replace(/^user:/, ""))}
          series={[
            {
              name: t2.medianTimeToAction,
              values: view.reviewers.map((r) => r.median_seconds_to_action ?? 0),
            },
          ]}
          format={(s) => t.age(s)}
        />
      </div>
    </>
  );
}
