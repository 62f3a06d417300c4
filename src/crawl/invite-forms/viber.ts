/**
 * Viber's shareable links to communities, channels and groups:
 * `https://invite.viber.com/?g2=<token>` (communities and channels) and
 * `?g=<token>` (group invite links), and the app's `viber://` links carrying
 * the same parameter. Tokens are base64 and case-sensitive; they are read from
 * the raw query so a "+" stays a "+", and written back percent-encoded.
 * `viber://chat?number=` (a person) and `viber://pa?chatURI=` (a bot) are not
 * groups.
 */
import type { InviteLink } from "../platforms.js";

const TOKEN = /^[A-Za-z0-9+/=_-]{8,256}$/;

function rawParameter(search: string, name: string): string | null {
  for (const pair of search.replace(/^\?/, "").split("&")) {
    const eq = pair.indexOf("=");
    if (eq > 0 && pair.slice(0, eq) === name) {
      try {
        return decodeURIComponent(pair.slice(eq + 1));
      } catch {
        return null;
      }
    }
  }
  return null;
}

function invite(url: URL): InviteLink | null {
  for (const kind of ["g2", "g"] as const) {
    const token = rawParameter(url.search, kind);
    if (token === null) continue;
    if (!TOKEN.test(token)) return null;
    return {
      platform: "viber",
      code: `${kind}=${token}`,
      url: `https://invite.viber.com/?${kind}=${encodeURIComponent(token)}`,
    };
  }
  return null;
}

export function viberWebLink(url: URL, host: string): InviteLink | null {
  return host === "invite.viber.com" && (url.pathname === "/" || url.pathname === "") ? invite(url) : null;
}

export function viberUriLink(url: URL): InviteLink | null {
  return invite(url);
}
