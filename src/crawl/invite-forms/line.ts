/**
 * LINE group links: group invitations (`line.me/R/ti/g/<code>`, also without
 * `R/`) and OpenChat invitations (`line.me/ti/g2/<code>`, also with `R/`), and
 * the deprecated `line://ti/g/...` and `line://ti/g2/...` forms of both. Codes
 * are case-sensitive. `ti/p/...` (a person or an official account) and the
 * other `line.me/R/` features are not groups.
 */
import type { InviteLink } from "../platforms.js";

const CODE = /^[A-Za-z0-9_-]{6,80}$/;

/** Path segments after line.me (or after line://): ["R"]?, "ti", "g" | "g2", code. */
function fromSegments(parts: string[]): InviteLink | null {
  const rest = parts[0] === "R" ? parts.slice(1) : parts;
  if (rest.length !== 3 || rest[0] !== "ti" || !CODE.test(rest[2])) return null;
  const [, kind, code] = rest;
  if (kind === "g") return { platform: "line", code: `g/${code}`, url: `https://line.me/R/ti/g/${code}` };
  if (kind === "g2") return { platform: "line", code: `g2/${code}`, url: `https://line.me/ti/g2/${code}` };
  return null;
}

function segments(pathname: string): string[] {
  return pathname.split("/").filter((s) => s.length > 0);
}

export function lineWebLink(url: URL, host: string): InviteLink | null {
  return host === "line.me" ? fromSegments(segments(url.pathname)) : null;
}

export function lineUriLink(url: URL): InviteLink | null {
  return fromSegments([url.hostname, ...segments(url.pathname)].filter((s) => s.length > 0));
}
