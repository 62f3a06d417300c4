/**
 * Bulk enforcement (issue 10): make a batch from pasted targets, read its preview (counts by
 * action and by evidence, a sample), see who confirmed it and what is still needed, confirm
 * another person's batch (leads and admins), execute it and watch delivery, reverse it. The
 * server decides every rule (roles, the requester never confirming, thresholds); this page only
 * shows its answers, including refusals by name.
 */
import type { JSX } from "react";
import { useCallback, useEffect, useState } from "react";
import type { ConsoleUserView } from "./api.js";
import {
  type BulkBatchSummary,
  type BulkBatchView,
  bulkApi,
  parseTargetLines,
} from "./bulk-enforcement-api.js";
import { failureMessage } from "./failure.js";
import { failureText, t } from "./strings.js";

const s = t.bulkEnforcement;
const ACTIVE = ["executing", "reversing", "partially_failed"];

function Counts({ title, counts }: { title: string; counts: Record<string, number> }): JSX.Element {
  return (
    <table className="counts">
      <caption>{title}</caption>
      <tbody>
        {Object.entries(counts).map(([key, n]) => (
          <tr key={key}>
            <td>{key}</td>
            <td>{n.toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Progress({
  label,
  done,
  total,
  failing,
}: {
  label: string;
  done: number;
  total: number;
  failing: number;
}) {
  return (
    <div className="bulk-progress">
      <span>{label}</span> <progress value={done} max={Math.max(total, 1)} aria-label={label} />{" "}
      <span data-testid={`${label}-count`}>{s.delivered(done, total)}</span>
      {failing > 0 && <span className="notice"> {s.failing(failing)}</span>}
    </div>
  );
}

function BatchPanel({ id, user }: { id: number; user: ConsoleUserView }): JSX.Element {
  const [batch, setBatch] = useState<BulkBatchView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const load = useCallback(() => bulkApi.get(id).then(setBatch, (e) => setError(failureMessage(e))), [id]);
  useEffect(() => {
    void load();
  }, [load]);
  const status = batch?.status;
  useEffect(() => {
    if (!status || !ACTIVE.includes(status)) return;
    const timer = setInterval(() => void load(), 1_000);
    return () => clearInterval(timer);
  }, [status, load]);
  const act = async (run: () => Promise<BulkBatchView>) => {
    setError(null);
    try {
      await run();
    } catch (e) {
      setError(failureMessage(e));
    }
    await load();
  };
  if (!batch)
    return error ? (
      <p className="error" role="alert">
        {error}{" "}
        <button type="button" onClick={() => void load()}>
          {failureText.retry}
        </button>
      </p>
    ) : (
      <p>{t.loading}</p>
    );
  const me = `user:${user.email}`;
  const canConfirm =
    user.permissions.includes("bulk.confirm") &&
    batch.requested_by !== me &&
    batch.status === "awaiting_confirmation" &&
    !batch.confirmation.confirmations.some((c) => c.by === me);
  const p = batch.progress;
  return (
    <section className="bulk-batch" data-status={batch.status}>
      <h2>
        {s.batch(batch.id)} <span className="status">{batch.status}</span>
      </h2>
      <p>
        {s.summary(batch.target_count, batch.requested_by)} <bdi dir="auto">{batch.reason}</bdi>
      </p>
      {batch.preview && (
        <div className="preview">
          <Counts title={s.byAction} counts={batch.preview.by_action} />
          <Counts title={s.byEvidence} counts={batch.preview.by_evidence} />
          <details>
            <summary>{s.sample(batch.preview.sample.length)}</summary>
            <ul>
              {batch.preview.sample.map((target) => (
                <li key={`${target.action}:${target.platform_id}`}>
                  {target.action} {target.subject_kind} <bdi dir="auto">{target.platform_id}</bdi> —{" "}
                  {target.evidence.join(", ")}
                </li>
              ))}
            </ul>
          </details>
        </div>
      )}
      <div className="confirmation">
        <p>{s.needs(batch.confirmation.required)}</p>
        <ul>
          {batch.confirmation.confirmations.map((c) => (
            <li key={c.by}>{s.confirmedBy(c.by, c.role, c.at)}</li>
          ))}
        </ul>
        {batch.confirmation.blocked_by && (
          <p className="notice">{s.blocked[batch.confirmation.blocked_by]}</p>
        )}
      </div>
      <div className="buttons">
        {canConfirm && (
          <button type="button" onClick={() => act(() => bulkApi.confirm(id))}>
            {s.confirm}
          </button>
        )}
        {(batch.status === "awaiting_confirmation" || batch.status === "confirmed") && (
          <button type="button" onClick={() => act(() => bulkApi.execute(id))}>
            {s.execute}
          </button>
        )}
      </div>
      {batch.executed_at && (
        <Progress
          label={s.execution}
          done={p.execution.delivered}
          total={batch.target_count}
          failing={p.execution.failing}
        />
      )}
      {batch.reversal_started_at && (
        <Progress
          label={s.reversal}
          done={p.reversal.delivered}
          total={p.reversible}
          failing={p.reversal.failing}
        />
      )}
      {(batch.status === "done" || batch.status === "partially_failed") &&
        user.permissions.includes("bulk.confirm") && (
          <div className="reverse">
            <input
              placeholder={s.reversalReason}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <button
              type="button"
              disabled={reason.trim() === ""}
              onClick={() => act(() => bulkApi.reverse(id, reason))}
            >
              {s.reverse}
            </button>
          </div>
        )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function NewBatch({ onCreated }: { onCreated(id: number): void }): JSX.Element {
  const [lines, setLines] = useState("");
  const [platform, setPlatform] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const create = async () => {
    const targets = parseTargetLines(lines);
    if (!Array.isArray(targets)) return setError(s.badLine(targets.line));
    try {
      onCreated((await bulkApi.create({ platform, reason, targets })).id);
    } catch (e) {
      setError(failureMessage(e));
    }
  };
  return (
    <section className="bulk-new">
      <h2>{s.newBatch}</h2>
      <input placeholder={s.platform} value={platform} onChange={(e) => setPlatform(e.target.value)} />
      <input placeholder={s.reason} value={reason} onChange={(e) => setReason(e.target.value)} />
      <textarea
        placeholder={s.targetsHint}
        rows={6}
        value={lines}
        onChange={(e) => setLines(e.target.value)}
      />
      <button type="button" onClick={create}>
        {s.preview}
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

export function BulkEnforcementPage({
  user,
  batchId,
  onBack,
}: {
  user: ConsoleUserView;
  batchId: number | null;
  onBack(): void;
}): JSX.Element {
  const [batches, setBatches] = useState<BulkBatchSummary[]>([]);
  // Reloaded whenever another batch is opened (the key), so a new batch appears in the list.
  const [listKey, setListKey] = useState(batchId);
  if (listKey !== batchId) setListKey(batchId);
  useEffect(() => {
    if (listKey === undefined) return;
    bulkApi.list().then(
      (r) => setBatches(r.batches),
      () => setBatches([]),
    );
  }, [listKey]);
  const open = (id: number) => {
    location.hash = `#/bulk-enforcement/${id}`;
  };
  return (
    <main className="bulk-enforcement">
      <header>
        <h1>{s.title}</h1>
        <button type="button" onClick={onBack}>
          {t.back}
        </button>
      </header>
      {batchId !== null ? (
        <BatchPanel key={batchId} id={batchId} user={user} />
      ) : (
        <NewBatch onCreated={open} />
      )}
      <section>
        <h2>{s.recent}</h2>
        <ul>
          {batches.map((b) => (
            <li key={b.id}>
              <a href={`#/bulk-enforcement/${b.id}`}>{s.batch(b.id)}</a> {b.status} —{" "}
              {s.summary(b.target_count, b.requested_by)}
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
