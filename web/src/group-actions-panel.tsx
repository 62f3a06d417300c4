/**
 * A group case can also revoke the group's invite links and ban its admins. The list comes
 * first (each link or admin by name, and which are already in that state), then one
 * confirmation applies exactly that list: if it changed meanwhile the server refuses
 * (ConfirmationOutdated) and the list is shown again. Reason and policy are the decision
 * panel's.
 */
import type { JSX } from "react";
import { useState } from "react";
import { Failure } from "./failure.js";
import { groupActionsText as g } from "./strings-work.js";
import { UserText } from "./user-text.js";
import { type GroupActionsPreviewView, workApi } from "./work-api.js";

export function GroupActionsPanel({
  caseId,
  counts,
  reason,
  policy,
  onDone,
}: {
  caseId: number;
  counts: { invite_links: number; admins: number };
  reason: string;
  policy: string;
  onDone(): void;
}): JSX.Element {
  const [choice, setChoice] = useState({ revoke_invite_links: false, ban_admins: false });
  const [preview, setPreview] = useState<GroupActionsPreviewView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const show = () => {
    setError(null);
    setMessage(null);
    if (!choice.revoke_invite_links && !choice.ban_admins) return setMessage(g.nothingChosen);
    workApi.groupActionsPreview(caseId, choice).then(setPreview, setError);
  };
  const apply = () => {
    if (!preview) return;
    if (reason.trim() === "" || policy === "") return setMessage(g.needsReason);
    setError(null);
    workApi.groupActionsApply(caseId, { ...choice, fingerprint: preview.fingerprint, reason, policy }).then(
      (r) => {
        setPreview(null);
        setMessage(g.done(r.queued.length, r.skipped.length));
        onDone();
      },
      (e) => {
        setError(e);
        setPreview(null);
      },
    );
  };
  const toggle = (k: keyof typeof choice) => {
    setPreview(null);
    setChoice((c) => ({ ...c, [k]: !c[k] }));
  };
  return (
    <section className="group-actions">
      <h2>{g.title}</h2>
      <p className="muted">{g.summary(counts.invite_links, counts.admins)}</p>
      <label>
        <input
          type="checkbox"
          checked={choice.revoke_invite_links}
          onChange={() => toggle("revoke_invite_links")}
        />{" "}
        {g.revokeLinks}
      </label>
      <label>
        <input type="checkbox" checked={choice.ban_admins} onChange={() => toggle("ban_admins")} />{" "}
        {g.banAdmins}
      </label>
      <button type="button" onClick={show}>
        {g.show}
      </button>
      {preview && (
        <section className="confirm-list" aria-label={g.listTitle}>
          <p>{g.listTitle}</p>
          <ul>
            {preview.targets.map((target) => (
              <li key={`${target.action}:${target.subject.id}`} className={target.already ? "muted" : ""}>
                {target.action}: <UserText text={target.label ?? target.subject.id} />{" "}
                <code>{target.subject.id}</code>
                {target.already ? ` — ${target.note ?? g.already}` : ""}
              </li>
            ))}
          </ul>
          <button type="button" onClick={apply}>
            {g.confirm(preview.targets.filter((x) => !x.already).length)}
          </button>{" "}
          <button type="button" onClick={() => setPreview(null)}>
            {g.cancel}
          </button>
        </section>
      )}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <Failure error={error} />
    </section>
  );
}
