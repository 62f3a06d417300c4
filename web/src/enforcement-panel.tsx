/**
 * What the platform has been asked to do about the case's subject, automatic or human: the
 * subject's state (banned, disabled, …) and every action with its delivery (pending, failing
 * with its attempts and last error, delivered). While anything is undelivered the case page
 * refreshes, so a reviewer sees "pending" turn into "delivered".
 */
import type { JSX } from "react";
import { useEffect } from "react";
import type { CaseDetailView } from "./api.js";
import { enforcementText as e } from "./strings-work.js";
import type { ActionDeliveryView } from "./work-api.js";

type SubjectStatus = CaseDetailView["enforcement"]["subject"];

export function enforcementStateText(s: SubjectStatus): string {
  const state = e.state[s.enforcement] ?? s.enforcement;
  const delivery = s.delivery ? ` (${e.delivery[s.delivery] ?? s.delivery})` : "";
  const link = s.link_status ? `; link ${s.link_status}` : "";
  return `${state}${delivery}${s.since ? `, ${e.since(s.since)}` : ""}${link}`;
}

function ActionRow({ a }: { a: ActionDeliveryView }): JSX.Element {
  return (
    <tr data-action={a.action} data-delivery={a.delivery}>
      <td>
        {a.action}
        {a.subject.type !== "group" || a.action !== "disable_group" ? (
          <span className="muted">
            {" "}
            {a.subject.type} <code>{a.subject.id}</code>
          </span>
        ) : null}
      </td>
      <td>
        {a.origin}
        {a.automatic ? <span className="muted"> ({e.automatic})</span> : null}
      </td>
      <td className={`delivery-${a.delivery}`}>
        <strong>{e.delivery[a.delivery] ?? a.delivery}</strong>
        <br />
        <span className="muted">
          {e.attempts(a.attempts)}
          {a.delivered_at ? `, ${e.deliveredAt(a.delivered_at)}` : ""}
          {a.delivery !== "delivered" && a.next_attempt_at ? `, ${e.nextAttempt(a.next_attempt_at)}` : ""}
        </span>
        {a.last_error && (
          <>
            <br />
            <span className="muted">
              {e.lastError}: {a.last_status ? `HTTP ${a.last_status}, ` : ""}
              {a.last_error}
            </span>
          </>
        )}
      </td>
    </tr>
  );
}

export function EnforcementPanel({
  enforcement,
  onRefresh,
}: {
  enforcement: CaseDetailView["enforcement"];
  onRefresh(): void;
}): JSX.Element {
  const waiting = enforcement.actions.some((a) => a.delivery !== "delivered");
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(onRefresh, 2_000);
    return () => clearInterval(timer);
  }, [waiting, onRefresh]);
  return (
    <section className="enforcement" aria-live="polite">
      <h2>{e.title}</h2>
      <p data-enforcement={enforcement.subject.enforcement}>{enforcementStateText(enforcement.subject)}</p>
      <h3>{e.actions}</h3>
      {enforcement.actions.length === 0 ? (
        <p className="muted">{e.noActions}</p>
      ) : (
        <table className="actions">
          <tbody>
            {enforcement.actions.map((a) => (
              <ActionRow key={a.id} a={a} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
