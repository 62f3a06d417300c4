/**
 * A queue's SLA state (breached, near breach, ok: the server counts them) and
 * its order for "Start reviewing": a select for leads (saved on the server,
 * which hands the next case by it), plain text for everyone else.
 */
import type { JSX } from "react";
import type { QueueView } from "./api.js";
import { reviewApi } from "./review-api.js";
import { t, t2 } from "./strings.js";

export function QueueSlaCells({ queue: q, onChanged }: { queue: QueueView; onChanged(): void }): JSX.Element {
  return (
    <>
      <td className={`sla sla-${q.sla_state}`} data-sla={q.sla_state}>
        <strong>{t2.slaState[q.sla_state]}</strong> <span className="muted">({t.age(q.sla_seconds)})</span>
        {q.sla_state !== "ok" && <div className="muted">{t2.slaDetail(q.breached, q.near_breach)}</div>}
      </td>
      <td>
        {q.may_configure ? (
          <select
            aria-label={`${t2.sort}: ${q.queue}`}
            name={`sort-${q.queue}`}
            value={q.sort}
            onChange={(e) => void reviewApi.queueSettings(q.queue, { sort: e.target.value }).then(onChanged)}
          >
            {Object.entries(t2.sorts).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        ) : (
          t2.sorts[q.sort]
        )}
      </td>
    </>
  );
}
