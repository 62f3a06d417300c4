/**
 * What the blurred image and the blurred video share (blurred-image.tsx, blurred-video.tsx):
 * their props, the wellness preferences and the classes that apply them, and the reveal event.
 */
/** Fired after a reveal, so the shift's exposure counter is read again from the server. */
export const REVEALED_EVENT = "vigil:revealed";

export interface BlurredImageProps {
  mediaId: string | null;
  viewable: boolean;
  caseId: number;
  mayReveal: boolean;
  revealed: boolean;
  onToggle(): void;
  /** A video gets a muted player, blurred the same way (blurred-video.tsx). */
  kind?: "image" | "video";
}

/** The classes that blur and grey a preview, as the user's wellness preferences say. */
export function blurredClass(wellness: Wellness): string {
  return `blurred${wellness.grayscale ? "" : " colour"}${wellness.blur ? "" : " unblurred"}`;
}

export interface Wellness {
  blur: boolean;
  grayscale: boolean;
}
