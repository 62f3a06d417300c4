/**
 * Cases related to this one, each with why (same subject, shared admins or members, media,
 * phone numbers, invite links, expansion ring, hotline call) and what is shared, linked when
 * the reviewer may open them; and the ids, links and numbers on the case as searches.
 */
import type { JSX } from "react";
import type { CaseDetailView } from "./api.js";
import { TermLink } from "./search-box.js";
import { t } from "./strings.js";
import { caseListText, workspaceText as w } from "./strings-work.js";
import { UserText } from "./user-text.js";

export function RelatedCases({ related }: { related: CaseDetailView["related"] }): JSX.Element {
  return (
    <section className="related">
      <h2>{w.related}</h2>
      {related.length === 0 ? (
        <p className="muted">{w.noRelated}</p>
      ) : (
        <ul>
          {related.map((r) => {
            const title = `${t.caseTitle(r.case.id)}: ${r.case.queue}, ${caseListText.statuses[r.case.status] ?? r.case.status}`;
            return (
              <li key={r.case.id} data-related={r.case.id}>
                {r.may_open ? <a href={`#/case/${r.case.id}`}>{title}</a> : title} — {r.case.subject.type}{" "}
                <UserText text={r.subject_label ?? r.case.subject.id} />
                <br />
                <span className="muted">
                  {r.because
                    .map(
                      (b) =>
                        `${w.because[b.kind] ?? b.kind}${b.shared.length > 0 ? ` (${b.shared.join(", ")})` : ""}`,
                    )
                    .join("; ")}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function CaseTerms({ terms }: { terms: CaseDetailView["terms"] }): JSX.Element | null {
  if (terms.length === 0) return null;
  return (
    <section className="terms">
      <h2>{w.onPage}</h2>
      <p>
        {terms.map((term) => (
          <TermLink key={`${term.kind}:${term.q}`} q={term.q}>
            {term.value}
          </TermLink>
        ))}
      </p>
    </section>
  );
}
