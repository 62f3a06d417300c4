/**
 * Search results (#/search?q=…): how Vigil read the query, then each subject found with its
 * status on the platform, why it matched, its open cases and queues, and its ids and links as
 * further searches; paged. An image can be searched too (hashed by the server, never stored).
 */
import type { JSX } from "react";
import { useCallback, useEffect, useState } from "react";
import { enforcementStateText } from "./enforcement-panel.js";
import { Failure } from "./failure.js";
import { searchHref, TermLink } from "./search-box.js";
import { t } from "./strings.js";
import { caseListText, searchText } from "./strings-work.js";
import { UserText } from "./user-text.js";
import { type SearchResponseView, type SearchResultView, workApi } from "./work-api.js";

function CaseLinks({ result }: { result: SearchResultView }): JSX.Element {
  if (result.cases.length === 0) return <span className="muted">{searchText.noOpenCases}</span>;
  return (
    <ul className="inline-list">
      {result.cases.map((c) => {
        const text = `${t.caseTitle(c.id)}: ${c.queue}, ${caseListText.statuses[c.status] ?? c.status}, priority ${c.priority}`;
        return (
          <li key={c.id}>
            {c.may_open ? (
              <a href={`#/case/${c.id}`}>{text}</a>
            ) : (
              <>
                {text} <span className="muted">{searchText.mayNotOpen}</span>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Result({ result }: { result: SearchResultView }): JSX.Element {
  const { subject } = result;
  return (
    <li className="search-result">
      <h2>
        {subject.type} <UserText text={result.label ?? subject.id} />{" "}
        <span className="muted">
          <code>{subject.id}</code> ({subject.platform})
        </span>
      </h2>
      {result.description && (
        <p>
          <UserText text={result.description} />
        </p>
      )}
      <dl>
        <dt>{searchText.status}</dt>
        <dd>{enforcementStateText(result.status)}</dd>
        <dt>{searchText.openCases}</dt>
        <dd>
          <CaseLinks result={result} />
        </dd>
        <dt>{searchText.matched}</dt>
        <dd>
          {result.matches
            .map(
              (m) =>
                `${m.field.replaceAll("_", " ")}: ${m.value}${m.distance === null ? "" : ` (distance ${m.distance})`}`,
            )
            .join("; ")}
        </dd>
        {result.terms.length > 0 && (
          <>
            <dt>{t.inviteLinks} / ids</dt>
            <dd className="terms">
              {result.terms.map((term) => (
                <TermLink key={`${term.kind}:${term.q}`} q={term.q}>
                  {term.value}
                </TermLink>
              ))}
            </dd>
          </>
        )}
      </dl>
    </li>
  );
}

export function SearchPage({ q, offset }: { q: string; offset: number }): JSX.Element {
  const [answer, setAnswer] = useState<SearchResponseView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [image, setImage] = useState<File | null>(null);
  const load = useCallback(() => {
    setAnswer(null);
    setError(null);
    if (q.trim() !== "") workApi.search(q, offset).then(setAnswer, setError);
  }, [q, offset]);
  useEffect(load, [load]);
  const byImage = () => {
    if (!image) return;
    setAnswer(null);
    setError(null);
    workApi.searchImage(image).then(setAnswer, setError);
  };
  return (
    <main className="search">
      <h1>
        {searchText.title}
        {q ? `: ${q}` : ""}
      </h1>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          byImage();
        }}
      >
        <label>
          {searchText.image}
          <input
            type="file"
            name="image"
            accept="image/*"
            onChange={(e) => setImage(e.target.files?.[0] ?? null)}
          />
        </label>
        <button type="submit" disabled={!image}>
          {searchText.imageGo}
        </button>
      </form>
      <Failure error={error} onRetry={load} />
      {!answer && error === null && q !== "" && <p>{t.loading}</p>}
      {answer && (
        <>
          {answer.interpretations.length > 0 && (
            <p className="muted">
              {searchText.searchedAs}:{" "}
              {answer.interpretations
                .map(
                  (i) =>
                    `${searchText.interpretation[i.kind] ?? i.kind} ${i.value}${i.platform ? ` (${i.platform})` : ""}`,
                )
                .join("; ")}
            </p>
          )}
          {answer.results.length === 0 ? (
            <p className="empty">{searchText.nothing(q)}</p>
          ) : (
            <>
              <p className="muted">
                {searchText.results(
                  answer.offset + 1,
                  answer.offset + answer.results.length,
                  answer.next_offset !== null,
                )}
              </p>
              <ol className="search-results">
                {answer.results.map((r) => (
                  <Result key={`${r.subject.platform}:${r.subject.type}:${r.subject.id}`} result={r} />
                ))}
              </ol>
            </>
          )}
          <nav className="pager" aria-label={searchText.title}>
            {answer.offset > 0 && (
              <a href={searchHref(q, Math.max(0, answer.offset - answer.limit))}>{searchText.previous}</a>
            )}
            {answer.next_offset !== null && <a href={searchHref(q, answer.next_offset)}>{searchText.next}</a>}
          </nav>
        </>
      )}
    </main>
  );
}
