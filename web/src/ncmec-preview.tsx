/**
 * What an NCMEC report will say, shown before it is sent (issue 16 point 9): which files
 * matched which bank entries (confirmed or not) whether or not they are ticked, the reporter
 * as the XML names them with their real role, and every piece of personal data the report
 * carries. The XML itself follows, folded.
 */
import type { JSX } from "react";
import type { CyberTipCaseView, CyberTipPreviewView } from "./ncmec-api.js";
import { ncmecText as t } from "./strings-evidence.js";

type Match = CyberTipCaseView["files"][number]["matches"][number];

export function FileMatches({ matches = [] }: { matches?: Match[] }): JSX.Element {
  if (matches.length === 0) return <p className="muted">{t.noMatches}</p>;
  return (
    <ul className="matches" aria-label={t.matchedEntries}>
      {matches.map((m) => (
        <li key={`${m.bank}:${m.signal_type}:${m.distance}:${m.provenance}`}>
          {t.match(m.bank, m.signal_type, m.distance, m.provenance)}
        </li>
      ))}
    </ul>
  );
}

export function PreviewFacts({ preview: given }: { preview: CyberTipPreviewView }): JSX.Element {
  // A server from before issue 16 answers without these: show what there is.
  const preview = {
    ...given,
    summary: given.summary ?? [],
    candidate_files: given.candidate_files ?? [],
    personal_data: given.personal_data ?? [],
  };
  return (
    <div className="ncmec-preview">
      <h3>{t.whatIsSent}</h3>
      <ul>
        {preview.summary.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {preview.reporter && (
        <p>{t.reporter(preview.reporter.name, preview.reporter.email, preview.reporter.role)}</p>
      )}
      <h3>{t.candidateFiles}</h3>
      <ul>
        {preview.candidate_files.map((f) => {
          const sent = preview.files.some((x) => x.media_id === f.media_id && x.selected);
          return (
            <li key={f.media_id}>
              {f.location} — <strong>{sent ? t.selected : t.notSelected}</strong>
              <FileMatches matches={f.matches} />
            </li>
          );
        })}
      </ul>
      <h3>{t.personalData}</h3>
      {preview.personal_data.length === 0 ? (
        <p className="muted">{t.noPersonalData}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.kind}</th>
              <th scope="col">{t.value}</th>
              <th scope="col">{t.about}</th>
            </tr>
          </thead>
          <tbody>
            {preview.personal_data.map((p) => (
              <tr key={`${p.kind}:${p.value}:${p.about}`}>
                <td>{t.personalKinds[p.kind] ?? p.kind}</td>
                <td>
                  <bdi dir="auto">{p.value}</bdi>
                </td>
                <td>{p.about}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <details>
        <summary>{t.xml}</summary>
        <pre className="ncmec-xml">{preview.xml}</pre>
      </details>
    </div>
  );
}
