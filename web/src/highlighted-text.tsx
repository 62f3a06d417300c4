/**
 * Platform text with the text signal's matched terms marked where they stand
 * in the original (the signal's `spans`: UTF-16 offsets into the text as
 * sent). Still one <bdi dir="auto"> with bidi controls made visible, as
 * UserText does; a span is marked only when the text still holds exactly that
 * slice there (a signal about an older name marks nothing in the new one).
 */
import type { JSX } from "react";
import { UserText } from "./user-text.js";

export interface TermSpan {
  start: number;
  end: number;
  original: string;
  term: string;
}

const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
const visible = (s: string) =>
  s.replace(BIDI_CONTROLS, (c) => `⟨U+${c.codePointAt(0)?.toString(16).toUpperCase()}⟩`);

/** Spans that still fit the text, in order, without overlaps (the first of overlapping ones wins). */
export function fittingSpans(text: string, spans: readonly TermSpan[]): TermSpan[] {
  const fit = spans
    .filter(
      (s) =>
        s.start >= 0 && s.end <= text.length && s.start < s.end && text.slice(s.start, s.end) === s.original,
    )
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: TermSpan[] = [];
  for (const s of fit) if (kept.length === 0 || s.start >= kept[kept.length - 1].end) kept.push(s);
  return kept;
}

export function HighlightedText({
  text,
  spans,
}: {
  text: string | null | undefined;
  spans: readonly TermSpan[];
}): JSX.Element {
  if (!text) return <UserText text={text} />;
  const kept = fittingSpans(text, spans);
  if (kept.length === 0) return <UserText text={text} />;
  const parts: JSX.Element[] = [];
  let at = 0;
  for (const s of kept) {
    if (s.start > at) parts.push(<span key={`t${at}`}>{visible(text.slice(at, s.start))}</span>);
    parts.push(
      <mark key={`m${s.start}`} className="term" title={s.term}>
        {visible(text.slice(s.start, s.end))}
      </mark>,
    );
    at = s.end;
  }
  if (at < text.length) parts.push(<span key={`t${at}`}>{visible(text.slice(at))}</span>);
  return (
    <bdi dir="auto" className="user-text">
      {parts}
    </bdi>
  );
}

/** The spans of a case's text signals for one field (`group.name`, `group.description`, ...). */
export function spansFor(
  signals: readonly { kind: string; detail: Record<string, unknown> }[],
  field: string,
): TermSpan[] {
  return signals
    .filter((s) => s.kind === "text" && s.detail.field === field && Array.isArray(s.detail.spans))
    .flatMap((s) => s.detail.spans as TermSpan[]);
}
