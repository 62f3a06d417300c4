/**
 * Text that came from a platform (group names, descriptions, report texts):
 * isolated with <bdi> and dir="auto", so a right-to-left name renders in its
 * own direction and an embedded override (RLO and friends) cannot reorder the
 * page around it; the invisible bidi controls are also shown as visible marks
 * so a reviewer sees that they are there.
 */
import type { JSX } from "react";

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

export function UserText({ text }: { text: string | null | undefined }): JSX.Element {
  if (text === null || text === undefined || text === "") return <span className="muted">—</span>;
  const shown = text.replace(BIDI_CONTROLS, (c) => `⟨U+${c.codePointAt(0)?.toString(16).toUpperCase()}⟩`);
  return (
    <bdi dir="auto" className="user-text">
      {shown}
    </bdi>
  );
}
