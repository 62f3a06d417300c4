/**
 * Who works on the case: who holds the claim and until when, who it is assigned to (and
 * assigning it to a named colleague), and the notes (append-only; they are moderation events,
 * so they show in the log and are found by search).
 */
import type { JSX } from "react";
import { useEffect, useState } from "react";
import type { CaseDetailView } from "./api.js";
import { Failure } from "./failure.js";
import { workspaceText as w } from "./strings-work.js";
import { UserText } from "./user-text.js";
import { type ColleagueView, workApi } from "./work-api.js";

const person = (p: { name: string; email: string }) => (p.name ? `${p.name} (${p.email})` : p.email);

export function ClaimLine({ claim }: { claim: CaseDetailView["claim"] }): JSX.Element {
  const text = !claim.holder
    ? w.unclaimed
    : claim.lapsed
      ? w.claimLapsed(person(claim.holder))
      : claim.mine
        ? w.claimedByYou(claim.expires_at)
        : w.claimedBy(person(claim.holder), claim.expires_at);
  return (
    <p className="claim" data-claim={claim.mine ? "mine" : claim.holder ? "other" : "none"}>
      {text}
    </p>
  );
}

export function Assignment({
  caseId,
  assignee,
  mayAssign,
  onChanged,
}: {
  caseId: number;
  assignee: CaseDetailView["assignee"];
  mayAssign: boolean;
  onChanged(): void;
}): JSX.Element {
  const [colleagues, setColleagues] = useState<ColleagueView[] | null>(null);
  const [choice, setChoice] = useState(assignee?.email ?? "");
  const [error, setError] = useState<unknown>(null);
  useEffect(() => setChoice(assignee?.email ?? ""), [assignee]);
  useEffect(() => {
    if (mayAssign) workApi.colleagues().then((r) => setColleagues(r.users), setError);
  }, [mayAssign]);
  const save = () => {
    setError(null);
    workApi.assign(caseId, choice === "" ? null : choice).then(onChanged, setError);
  };
  return (
    <div className="assignment">
      <p>
        {w.assignee}: <strong>{assignee ? person(assignee) : w.unassigned}</strong>
      </p>
      {mayAssign && colleagues && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <label>
            {w.assignTo}{" "}
            <select name="assignee" value={choice} onChange={(e) => setChoice(e.target.value)}>
              <option value="">{w.unassigned}</option>
              {colleagues.map((c) => (
                <option key={c.email} value={c.email}>
                  {person(c)} — {c.role}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{w.assign}</button>
        </form>
      )}
      <Failure error={error} />
    </div>
  );
}

export function Notes({
  caseId,
  notes,
  mayNote,
  onAdded,
}: {
  caseId: number;
  notes: CaseDetailView["notes"];
  mayNote: boolean;
  onAdded(): void;
}): JSX.Element {
  const [text, setText] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const add = async () => {
    if (text.trim() === "") return;
    setBusy(true);
    setError(null);
    try {
      await workApi.addNote(caseId, text.trim());
      setText("");
      onAdded();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="notes">
      <h2>{w.notes}</h2>
      {notes.length === 0 ? (
        <p className="muted">{w.noNotes}</p>
      ) : (
        <ol className="note-list">
          {notes.map((n) => (
            <li key={n.id}>
              <span className="muted">
                {new Date(n.created_at).toLocaleString()} — {n.author_name || n.author.replace(/^user:/, "")}
              </span>
              <p>
                <UserText text={n.text} />
              </p>
            </li>
          ))}
        </ol>
      )}
      {mayNote && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <label>
            {w.noteLabel}
            <textarea name="note" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <button type="submit" disabled={busy || text.trim() === ""}>
            {w.addNote}
          </button>
        </form>
      )}
      <Failure error={error} />
    </section>
  );
}
