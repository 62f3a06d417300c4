/** The case page's lists: signals with their explanations, reports and the moderation log. */
import type { JSX } from "react";
import type { CaseDetailView } from "./api.js";
import { BlurredImage } from "./blurred-image.js";
import { TermLink } from "./search-box.js";
import { t } from "./strings.js";
import { videoText } from "./strings-evidence.js";
import { UserText } from "./user-text.js";

const when = (iso: string) => new Date(iso).toLocaleString();

export function SignalsList({ signals }: { signals: CaseDetailView["signals"] }): JSX.Element {
  return (
    <section>
      <h2>{t.signals}</h2>
      {signals.length === 0 ? (
        <p className="muted">{t.none}</p>
      ) : (
        <ul className="signals">
          {signals.map((s) => (
            <li key={s.id}>
              <strong>{s.kind}</strong> {s.explanation} <span className="muted">{when(s.created_at)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Photos Vigil could not check (URL refused or unfetchable): the case must not look clean because of them. */
export function UncheckedPhotos({
  photos,
}: {
  photos: CaseDetailView["unchecked_photos"];
}): JSX.Element | null {
  if (photos.length === 0) return null;
  return (
    <section>
      <h2>{t.uncheckedPhotos}</h2>
      <ul className="signals">
        {photos.map((p) => (
          <li key={`${p.event_id}-${p.field}-${p.url}`}>
            <strong>{p.field}</strong> <bdi dir="auto">{p.url}</bdi>: {p.code}{" "}
            <span className="muted">{when(p.received_at)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export interface ReportsListProps {
  reports: CaseDetailView["reports"];
  /** For attachments: shown blurred like the subject's photos, revealed one at a time. */
  caseId: number;
  mayReveal: boolean;
  revealed: string | null;
  onToggle(mediaId: string): void;
}

export function ReportsList({
  reports,
  caseId,
  mayReveal,
  revealed,
  onToggle,
}: ReportsListProps): JSX.Element {
  return (
    <section>
      <h2>{t.reports}</h2>
      {reports.length === 0 ? (
        <p className="muted">{t.none}</p>
      ) : (
        <ul>
          {reports.map((r) => (
            <li key={r.id}>
              <strong>{r.source}</strong> — {r.reason} <span className="muted">{when(r.created_at)}</span>
              {r.reference && (
                <>
                  {" "}
                  <TermLink q={r.reference} />
                </>
              )}
              {r.text && (
                <blockquote>
                  <UserText text={r.text} />
                </blockquote>
              )}
              {r.attachments.length > 0 && (
                <div className="attachments" title={videoText.attachments}>
                  {r.attachments.map((a, i) => (
                    <BlurredImage
                      key={a.media_id ?? `hash-${i}`}
                      mediaId={a.media_id}
                      viewable={a.viewable}
                      kind={a.kind}
                      caseId={caseId}
                      mayReveal={mayReveal}
                      revealed={a.media_id !== null && revealed === a.media_id}
                      onToggle={() => a.media_id && onToggle(a.media_id)}
                    />
                  ))}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ModerationLog({ events }: { events: CaseDetailView["events"] }): JSX.Element {
  return (
    <section>
      <h2>{t.moderationLog}</h2>
      <ol className="log">
        {events.map((e) => (
          <li key={e.id}>
            <span className="muted">{when(e.created_at)}</span> <strong>{e.kind}</strong> by{" "}
            <code>{e.actor}</code>
            {typeof e.detail.text === "string" && (
              <>
                {" "}
                — <UserText text={e.detail.text} />
              </>
            )}
            {typeof e.detail.reason === "string" && (
              <>
                {" "}
                — <UserText text={e.detail.reason} />
              </>
            )}
            {typeof e.detail.queue === "string" && <> — queue {e.detail.queue}</>}
            {typeof e.detail.action === "string" && <> — {e.detail.action}</>}
          </li>
        ))}
      </ol>
    </section>
  );
}
