/**
 * A video on a case page, treated as images are (blurred-image.tsx): until it is
 * revealed the page holds only the server's 32 px grayscale, blurred stills (the
 * poster and a strip), shown in a <video> with no source, blurred and greyed
 * again by the same CSS classes. Revealing loads the original through the audited
 * content route (byte ranges, each logged) into a muted player that does not
 * autoplay. `muted` is set as an attribute too: React only sets the property.
 */
import type { JSX } from "react";
import { api } from "./api.js";
import { type BlurredImageProps, blurredClass, REVEALED_EVENT, type Wellness } from "./media-blur.js";
import { t } from "./strings.js";
import { videoText } from "./strings-evidence.js";

const STRIP_PARTS = [0, 1, 2, 3];

function keepMuted(video: HTMLVideoElement | null): void {
  if (!video) return;
  video.muted = true;
  video.setAttribute("muted", "");
}

export function BlurredVideo(
  props: BlurredImageProps & { mediaId: string; wellness: Wellness },
): JSX.Element {
  const { mediaId, wellness } = props;
  return (
    <figure className="media video" data-kind="video" data-media-id={mediaId}>
      {props.revealed ? (
        <video
          ref={keepMuted}
          className="revealed"
          src={api.revealUrl(mediaId, props.caseId)}
          aria-label={videoText.revealedVideo}
          controls
          muted
          playsInline
          preload="metadata"
          onLoadedMetadata={() => window.dispatchEvent(new Event(REVEALED_EVENT))}
        />
      ) : (
        <>
          <video
            ref={keepMuted}
            className={blurredClass(wellness)}
            poster={api.previewUrl(mediaId, props.caseId)}
            aria-label={videoText.blurredVideo}
            data-blurred="true"
            muted
            playsInline
            preload="none"
          />
          <span className="strip" title={videoText.strip}>
            {STRIP_PARTS.map((part) => (
              <img
                key={part}
                className={blurredClass(wellness)}
                src={api.previewUrl(mediaId, props.caseId, part)}
                alt={videoText.strip}
                data-blurred="true"
              />
            ))}
          </span>
        </>
      )}
      {props.mayReveal && (
        <button type="button" onClick={props.onToggle}>
          {props.revealed ? t.hide : t.reveal}
        </button>
      )}
    </figure>
  );
}
