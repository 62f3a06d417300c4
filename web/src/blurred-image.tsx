/**
 * Media on a case page: by default the server's 32 px grayscale preview,
 * blurred again by CSS, so nothing identifiable shows. Revealing fetches the
 * original through the audited route (logged as media.reveal with the case);
 * "Blur again" returns to the preview.
 */
import type { JSX } from "react";
import { useEffect, useState } from "react";
import { api } from "./api.js";
import { BlurredVideo } from "./blurred-video.js";
import { type BlurredImageProps, blurredClass, REVEALED_EVENT, type Wellness } from "./media-blur.js";
import { reviewApi } from "./review-api.js";
import { t } from "./strings.js";

export function BlurredImage(props: BlurredImageProps): JSX.Element {
  const wellness = useWellness();
  if (!props.mediaId || !props.viewable) return <p className="muted">{t.noImage}</p>;
  if (props.kind === "video") return <BlurredVideo {...props} mediaId={props.mediaId} wellness={wellness} />;
  return (
    <figure className="media">
      {props.revealed ? (
        <img
          className="revealed"
          src={api.revealUrl(props.mediaId, props.caseId)}
          alt={t.revealedAlt}
          onLoad={() => window.dispatchEvent(new Event(REVEALED_EVENT))}
        />
      ) : (
        <img
          className={blurredClass(wellness)}
          src={api.previewUrl(props.mediaId, props.caseId)}
          alt={t.blurredAlt}
          data-blurred="true"
        />
      )}
      {props.mayReveal && (
        <button type="button" onClick={props.onToggle}>
          {props.revealed ? t.hide : t.reveal}
        </button>
      )}
    </figure>
  );
}

/** Which media of a page are revealed; one item at a time, nothing by default. */
export function useReveal(): { revealed: string | null; toggle(id: string): void } {
  const [revealed, setRevealed] = useState<string | null>(null);
  return { revealed, toggle: (id) => setRevealed((r) => (r === id ? null : id)) };
}

/** The user's effective preview preferences (server-side; blur and grayscale until known). */
function useWellness(): Wellness {
  const [wellness, setWellness] = useState({ blur: true, grayscale: true });
  useEffect(() => {
    reviewApi.preferences().then(
      (p) => setWellness(p.effective),
      () => undefined,
    );
  }, []);
  return wellness;
}
