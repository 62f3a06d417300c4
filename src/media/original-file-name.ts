/**
 * The name an uploaded file arrived with, made safe to keep and show: the last
 * path segment only (a client may send `C:\fakepath\x.png` or `../../x`),
 * without control or bidi-override characters (they would make a reviewer or
 * an XML report read something else), at most 255 characters. Undefined when
 * nothing is left.
 */
function unsafe(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

export function originalFileName(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const last = raw.split(/[\\/]/).pop() ?? "";
  const clean = [...last]
    .filter((ch) => !unsafe(ch.codePointAt(0) ?? 0))
    .join("")
    .trim()
    .slice(0, 255);
  return clean === "" || clean === "." || clean === ".." ? undefined : clean;
}
