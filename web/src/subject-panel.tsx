/** The case's subject: a group's history, admins, members and invite links, or an account's groups. */
import type { JSX } from "react";
import type { CaseDetailView, PhotoView } from "./api.js";
import { BlurredImage } from "./blurred-image.js";
import { HighlightedText, spansFor } from "./highlighted-text.js";
import { TermLink } from "./search-box.js";
import { t } from "./strings.js";
import { UserText } from "./user-text.js";

export interface SubjectPanelProps {
  detail: CaseDetailView;
  revealed: string | null;
  onToggle(mediaId: string): void;
}

export function SubjectPanel({ detail, revealed, onToggle }: SubjectPanelProps): JSX.Element {
  const { subject } = detail;
  const image = (photo: PhotoView | null, key: string) =>
    photo ? (
      <BlurredImage
        key={key}
        mediaId={photo.media_id}
        viewable={photo.viewable}
        kind={photo.kind}
        caseId={detail.case.id}
        mayReveal={detail.may_reveal}
        revealed={photo.media_id !== null && revealed === photo.media_id}
        onToggle={() => photo.media_id && onToggle(photo.media_id)}
      />
    ) : (
      <span className="muted">{t.none}</span>
    );
  return (
    <section className="subject">
      <h2>
        {t.subject}: {subject.type}{" "}
        <TermLink q={subject.id}>
          <code>{subject.id}</code>
        </TermLink>{" "}
        <span className="muted">({subject.platform})</span>
      </h2>
      {subject.group && (
        <>
          <dl>
            <dt>{t.currentName}</dt>
            <dd>
              <HighlightedText text={subject.group.name} spans={spansFor(detail.signals, "group.name")} />
            </dd>
            <dt>{t.description}</dt>
            <dd>
              <HighlightedText
                text={subject.group.description}
                spans={spansFor(detail.signals, "group.description")}
              />
            </dd>
            <dt>{t.photo}</dt>
            <dd>{image(subject.group.photo, "current")}</dd>
            <dt>{t.admins}</dt>
            <dd>
              {subject.group.admins.length === 0
                ? t.none
                : subject.group.admins.map((a) => (
                    <span key={a.id} className="chip">
                      <TermLink q={a.id}>
                        <code>{a.id}</code>
                      </TermLink>{" "}
                      <UserText text={a.name} />
                    </span>
                  ))}
            </dd>
            <dt>{t.members}</dt>
            <dd>{subject.group.member_count}</dd>
          </dl>
          <h3>{t.history}</h3>
          <table>
            <tbody>
              {subject.group.revisions.map((r) => (
                <tr key={`${r.observed_at}|${r.name}|${r.description}|${r.photo?.media_id}`}>
                  <td className="muted">{new Date(r.observed_at).toLocaleString()}</td>
                  <td>
                    <UserText text={r.name} />
                  </td>
                  <td>
                    <UserText text={r.description} />
                  </td>
                  <td>
                    {r.photo?.media_id && r.photo.media_id !== subject.group?.photo?.media_id
                      ? image(r.photo, `rev-${r.observed_at}`)
                      : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t.inviteLinks}</h3>
          {subject.group.invite_links.length === 0 ? (
            <p className="muted">{t.none}</p>
          ) : (
            <ul>
              {subject.group.invite_links.map((l) => (
                <li key={l.code}>
                  <TermLink q={l.url ?? l.code}>
                    <code>{l.url ?? l.code}</code>
                  </TermLink>{" "}
                  — {l.status}, seen {new Date(l.first_seen_at).toLocaleDateString()}–
                  {new Date(l.last_seen_at).toLocaleDateString()}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {subject.account && (
        <dl>
          <dt>{t.currentName}</dt>
          <dd>
            <HighlightedText text={subject.account.name} spans={spansFor(detail.signals, "account.name")} />
          </dd>
          <dt>{t.photo}</dt>
          <dd>{image(subject.account.photo, "account")}</dd>
          <dt>{t.groups}</dt>
          <dd>
            {subject.account.groups.length === 0
              ? t.none
              : subject.account.groups.map((g) => (
                  <span key={g.id} className="chip">
                    <TermLink q={g.id}>
                      <code>{g.id}</code>
                    </TermLink>{" "}
                    <UserText text={g.name} /> ({g.role})
                  </span>
                ))}
          </dd>
        </dl>
      )}
    </section>
  );
}
