/**
 * What Vigil understood from a hotline call (links with their platform and group, numbers in
 * E.164 with the accounts that have them, the reports that will be filed and where they go,
 * what to look at), and once filed, the reference to read back and the cases the reports
 * opened or joined (filled in as the pipeline decides them).
 */
import type { JSX } from "react";
import { useEffect, useState } from "react";
import { TermLink } from "./search-box.js";
import { hotlineText as h } from "./strings-work.js";
import { UserText } from "./user-text.js";
import { type HotlineFiledView, type HotlinePreviewView, workApi } from "./work-api.js";

export function HotlineUnderstood({ preview }: { preview: HotlinePreviewView }): JSX.Element {
  return (
    <section className="understood" aria-live="polite">
      <h2>{h.understood}</h2>
      {preview.links.length > 0 && (
        <>
          <h3>{h.links}</h3>
          <ul>
            {preview.links.map((l) => (
              <li key={l.input}>
                <code>{l.input}</code> →{" "}
                {l.platform ? (
                  <>
                    {l.platform} <code>{l.code}</code> ({l.known ? h.known : h.unknown})
                    {l.group && (
                      <>
                        , group <UserText text={l.group.name ?? l.group.id} />
                      </>
                    )}
                  </>
                ) : (
                  <span className="muted">{h.notRecognised}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {preview.phone_numbers.length > 0 && (
        <>
          <h3>{h.phones}</h3>
          <ul>
            {preview.phone_numbers.map((p) => (
              <li key={p.input}>
                <code>{p.input}</code> →{" "}
                {p.valid && p.e164 ? (
                  <>
                    <strong>{p.e164}</strong>, {h.accounts(p.accounts.length)}
                    {p.accounts.map((a) => (
                      <span key={`${a.platform}:${a.id}`} className="chip">
                        {a.platform} <UserText text={a.name ?? a.id} />
                      </span>
                    ))}
                  </>
                ) : (
                  <span className="muted">{h.invalidNumber}</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{h.subjects}</h3>
      <ul>
        {preview.subjects.map((s) => (
          <li key={`${s.subject.platform}:${s.subject.type}:${s.subject.id}`}>
            {s.subject.type} <UserText text={s.label ?? s.subject.id} />{" "}
            <span className="muted">({s.subject.platform})</span> — {h.because[s.because] ?? s.because},{" "}
            {s.known ? h.known : h.unknown}
            {s.open_case_ids.length > 0 ? `, ${h.joins(s.open_case_ids)}` : ""}
          </li>
        ))}
      </ul>
      <p className="muted">{h.queue(preview.queue)}</p>
      {preview.problems.length > 0 && (
        <>
          <h3>{h.problems}</h3>
          <ul>
            {preview.problems.map((p) => (
              <li key={`${p.code}:${p.input}`}>
                <code>{p.input}</code>: {p.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function HotlineFiled({ filed: first }: { filed: HotlineFiledView }): JSX.Element {
  const [filed, setFiled] = useState(first);
  useEffect(() => setFiled(first), [first]);
  const waiting = filed.reports.some((r) => r.case_id === null);
  // The pipeline decides the reports within a moment; ask again until each has its case.
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(
      () => workApi.hotlineGet(filed.reference).then(setFiled, () => undefined),
      1_000,
    );
    return () => clearInterval(timer);
  }, [waiting, filed.reference]);
  return (
    <section className="filed notice" role="status">
      <p>
        <strong>{h.filed(filed.reference)}</strong>
      </p>
      <ul>
        {filed.reports.map((r) => (
          <li key={r.report_id} data-report={r.report_id}>
            {r.subject.type} <TermLink q={r.subject.id} /> —{" "}
            {r.case_id !== null ? (
              <a href={`#/case/${r.case_id}`}>{h.filedCase(r.case_id, r.queue)}</a>
            ) : (
              h.waitingForCase
            )}
          </li>
        ))}
      </ul>
      <p className="muted">{h.newCall}</p>
    </section>
  );
}
