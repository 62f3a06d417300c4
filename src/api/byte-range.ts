/**
 * The one byte range a <video> element asks for (RFC 9110 §14.2): `bytes=a-b`,
 * `bytes=a-` or `bytes=-n`. Several ranges in one header are answered with the
 * whole body, which the RFC allows (a server may ignore Range); a range that
 * starts past the end is unsatisfiable (416).
 */
export type ByteRange = { start: number; end: number } | "whole" | "unsatisfiable";

const SINGLE = /^bytes=(\d*)-(\d*)$/;

export function parseByteRange(header: string | undefined, size: number): ByteRange {
  if (!header) return "whole";
  const match = SINGLE.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return "whole";
  const [, first, last] = match;
  if (first === "") {
    // A suffix: the last n bytes.
    const n = Number(last);
    if (n === 0) return "unsatisfiable";
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  if (start >= size) return "unsatisfiable";
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  if (end < start) return "whole"; // syntactically invalid: ignored, as the RFC says
  return { start, end };
}
