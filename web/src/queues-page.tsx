/** The queue list: waiting and in-review counts, the oldest wait, and "Start reviewing" per queue. */
import type { JSX } from "react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { api, type QueueView } from "./api.js";
import { Failure } from "./failure.js";
import { QueueSlaCells } from "./queue-sla-cells.js";
import { type Shortcut, useShortcuts } from "./shortcuts.js";
import { t, t2 } from "./strings.js";

export interface QueuesPageProps {
  onStart(queue: string): void;
  onBulk(): void;
  message: string | null;
}

export function QueuesPage({ onStart, onBulk, message }: QueuesPageProps): JSX.Element {
  const [queues, setQueues] = useState<QueueView[] | null>(null);
  const [selected, setSelected] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    api.queues().then((r) => {
      setQueues(r.queues);
      setError(null);
    }, setError);
  }, []);
  useEffect(() => {
    load();
    const timer = setInterval(load, 15_000);
    return () => clearInterval(timer);
  }, [load]);
  const reviewable = (queues ?? []).filter((q) => q.may_decide && q.waiting > 0);
  const shortcuts = useMemo<Shortcut[]>(
    () => [
      {
        key: "j",
        label: "Next queue",
        run: () => setSelected((s) => Math.min(s + 1, (queues?.length ?? 1) - 1)),
      },
      { key: "k", label: "Previous queue", run: () => setSelected((s) => Math.max(s - 1, 0)) },
      {
        key: "Enter",
        label: t.startReviewing,
        run: () => {
          const q = queues?.[selected];
          if (q?.may_decide && q.waiting > 0) onStart(q.queue);
        },
      },
      { key: "b", label: t.bulk, run: onBulk },
      { key: "r", label: "Refresh", run: load },
    ],
    [queues, selected, onStart, onBulk, load],
  );
  const overlay = useShortcuts(shortcuts);
  if (!queues) return <main>{error ? <Failure error={error} onRetry={load} /> : <p>{t.loading}</p>}</main>;
  return (
    <main>
      <h1>{t.queues}</h1>
      {message && <p className="notice">{message}</p>}
      <Failure error={error} onRetry={load} />
      {queues.length === 0 ? (
        <p className="muted">{t.noQueues}</p>
      ) : (
        <table className="queues">
          <thead>
            <tr>
              <th>{t.queue}</th>
              <th>{t.waiting}</th>
              <th>{t.claimed}</th>
              <th>{t.oldest}</th>
              <th>{t.priority}</th>
              <th>{t2.sla}</th>
              <th>{t2.sort}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {queues.map((q, i) => (
              <tr key={q.queue} className={i === selected ? "selected" : ""} data-queue={q.queue}>
                <td>{q.queue}</td>
                <td className="num">{q.waiting}</td>
                <td className="num">{q.claimed}</td>
                <td className="num">{t.age(q.oldest_age_seconds)}</td>
                <td className="num">{q.max_priority}</td>
                <QueueSlaCells queue={q} onChanged={load} />
                <td>
                  <button
                    type="button"
                    disabled={!q.may_decide || q.waiting === 0}
                    onClick={() => onStart(q.queue)}
                  >
                    {t.startReviewing}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <button type="button" onClick={onBulk}>
          {t.bulk}
        </button>{" "}
        <span className="muted">{reviewable.length > 0 ? "" : ""}Press ? for shortcuts.</span>
      </p>
      {overlay}
    </main>
  );
}
