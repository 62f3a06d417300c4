/**
 * Bulk decisions: pick cases from a queue or paste ids, choose one decision,
 * preview what it would do to each case (nothing is written), then apply.
 */
import type { JSX } from "react";
import { useEffect, useState } from "react";
import { api, type BulkOutcome, type ConsoleCaseView, type QueueView } from "./api.js";
import { LeadConfirmation } from "./bulk-confirmation.js";
import { failureMessage } from "./failure.js";
import { reviewApi } from "./review-api.js";
import { useShortcuts } from "./shortcuts.js";
import { POLICIES, t } from "./strings.js";
import { bulkText, workspaceText } from "./strings-work.js";
import { workApi } from "./work-api.js";

const ALL_ACTIONS = ["disable_group", "ban_account", "warn_account", "revoke_invite_link", "remove_media"];

function parseIds(text: string): number[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map(Number)
        .filter((n) => Number.isInteger(n) && n > 0),
    ),
  ];
}

export function BulkPage({ onBack }: { onBack(): void }): JSX.Element {
  const [queues, setQueues] = useState<QueueView[]>([]);
  const [queueCases, setQueueCases] = useState<ConsoleCaseView[]>([]);
  const [ids, setIds] = useState("");
  const [actions, setActions] = useState<string[]>([]);
  // No policy is chosen for the reviewer (issue 16 point 9).
  const [policy, setPolicy] = useState<string>("");
  const [labels, setLabels] = useState<Map<number, string>>(new Map());
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState("");
  const [outcomes, setOutcomes] = useState<BulkOutcome[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState("");
  const [leadLimit, setLeadLimit] = useState<number | null>(null);
  const overlay = useShortcuts([{ key: "q", label: t.back, run: onBack }]);
  useEffect(() => {
    api.queues().then((r) => setQueues(r.queues));
  }, []);
  const subjectName = (o: BulkOutcome) => {
    const name = labels.get(o.case_id);
    if (!o.subject) return "—";
    return name ? `${o.subject.type} “${name}” (${o.subject.id})` : `${o.subject.type} ${o.subject.id}`;
  };
  const run = async (preview: boolean) => {
    setError(null);
    const caseIds = parseIds(ids);
    if (caseIds.length === 0 || reason.trim() === "" || policy === "") {
      setError(
        caseIds.length === 0
          ? t.caseIds
          : reason.trim() === ""
            ? t.reasonRequired
            : workspaceText.policyRequired,
      );
      return;
    }
    setConfirming(false);
    try {
      const confirmation_id = confirmation.trim() || undefined;
      const answer = await reviewApi.bulk({
        case_ids: caseIds,
        actions,
        reason,
        policy,
        preview,
        confirmation_id,
      });
      setOutcomes(answer.outcomes);
      setLeadLimit(answer.needs_lead_confirmation ? answer.lead_confirm_above : null);
    } catch (e) {
      setError(failureMessage(e));
    }
  };
  return (
    <main className="bulk">
      <header>
        <h1>{t.bulk}</h1>
        <button type="button" onClick={onBack}>
          {t.back}
        </button>
      </header>
      <label>
        {t.selectFromQueue}{" "}
        <select
          defaultValue=""
          onChange={(e) => {
            const queue = e.target.value;
            if (!queue) return;
            api.queueCases(queue).then(
              (r) => setQueueCases(r.cases),
              (err) => setError(failureMessage(err)),
            );
            // Names for the preview and the confirmation: the case list carries each subject's name.
            workApi.cases({ queue, status: "undecided", limit: 200 }).then(
              (l) => setLabels(new Map(l.cases.map((c) => [c.id, c.subject_label ?? ""]))),
              () => undefined,
            );
          }}
        >
          <option value="">—</option>
          {queues.map((q) => (
            <option key={q.queue} value={q.queue}>
              {q.queue} ({q.waiting})
            </option>
          ))}
        </select>
      </label>
      {queueCases.length > 0 && (
        <button type="button" onClick={() => setIds(queueCases.map((c) => c.id).join("\n"))}>
          Select all {queueCases.length}
        </button>
      )}
      <label>
        {t.caseIds}
        <textarea rows={5} value={ids} onChange={(e) => setIds(e.target.value)} />
      </label>
      <fieldset>
        <legend>{t.actions}</legend>
        {ALL_ACTIONS.map((a) => (
          <label key={a}>
            <input
              type="checkbox"
              checked={actions.includes(a)}
              onChange={() => setActions((s) => (s.includes(a) ? s.filter((x) => x !== a) : [...s, a]))}
            />{" "}
            {a}
          </label>
        ))}
      </fieldset>
      <label>
        {t.policy}
        <select value={policy} onChange={(e) => setPolicy(e.target.value)}>
          <option value="">{workspaceText.pickPolicy}</option>
          {POLICIES.map((p) => (
            <option key={p.code} value={p.code}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.reason}
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {leadLimit !== null && (
        <LeadConfirmation
          limit={leadLimit}
          batch={{ case_ids: parseIds(ids), actions, policy }}
          confirmation={confirmation}
          onConfirmation={setConfirmation}
        />
      )}
      {error && <p className="error">{error}</p>}
      <p>
        <button type="button" onClick={() => void run(true)}>
          {t.preview}
        </button>{" "}
        <button
          type="button"
          disabled={!outcomes?.some((o) => o.status === "would_decide")}
          onClick={() => setConfirming(true)}
        >
          {t.apply}
        </button>
      </p>
      {confirming && outcomes && (
        <section className="confirm-list" aria-label={bulkText.confirmTitle}>
          <p>
            {bulkText.confirm(outcomes.filter((o) => o.status === "would_decide").length, actions, policy)}
          </p>
          <ul>
            {outcomes
              .filter((o) => o.status === "would_decide")
              .slice(0, 50)
              .map((o) => (
                <li key={o.case_id}>{subjectName(o)}</li>
              ))}
          </ul>
          <button type="button" onClick={() => void run(false)}>
            {bulkText.yes}
          </button>{" "}
          <button type="button" onClick={() => setConfirming(false)}>
            {bulkText.no}
          </button>
        </section>
      )}
      {outcomes && (
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>{t.queue}</th>
              <th>{t.subject}</th>
              <th>{t.actions}</th>
              <th>{t.outcome}</th>
              <th>{t.problem}</th>
            </tr>
          </thead>
          <tbody>
            {outcomes.map((o) => (
              <tr key={o.case_id} className={o.status}>
                <td>{o.case_id}</td>
                <td>{o.queue ?? "—"}</td>
                <td>{subjectName(o)}</td>
                <td>{o.actions.join(", ") || t.none}</td>
                <td>{o.status}</td>
                <td>{o.problem ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {overlay}
    </main>
  );
}
