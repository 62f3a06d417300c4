/**
 * Matrix rooms, as the Matrix specification writes them: matrix.to links
 * (`https://matrix.to/#/#alias:server`, `#/!roomid:server`, an event id or
 * `?via=` after them), the `matrix:` URI scheme (`matrix:r/alias:server`,
 * `matrix:roomid/id:server`) and Element's web links
 * (`app.element.io/#/room/#alias:server`). Server names are case-insensitive
 * and lower-cased; alias localparts and room ids are kept as found. Users
 * (`@user:server`, `matrix:u/...`) are not rooms.
 */
import type { InviteLink } from "../platforms.js";

/** `#alias:server` or `!opaque:server`; a server is a DNS name or IP literal with an optional port. */
const ROOM = /^[#!][^\s:/?#]{1,255}:(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;
/** Room version 12 ids carry no server: "!" and the create event's hash (43 URL-safe base64 characters). */
const SERVERLESS_ROOM = /^![A-Za-z0-9_-]{43}$/;

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function room(id: string | null): InviteLink | null {
  if (!id) return null;
  if (SERVERLESS_ROOM.test(id)) return { platform: "matrix", code: id, url: `https://matrix.to/#/${id}` };
  if (!ROOM.test(id)) return null;
  const colon = id.indexOf(":");
  const canonical = `${id.slice(0, colon)}:${id.slice(colon + 1).toLowerCase()}`;
  return { platform: "matrix", code: canonical, url: `https://matrix.to/#/${canonical}` };
}

/** The identifier at the start of a matrix.to-style fragment path ("#alias:server/$event?via=x"). */
function firstIdentifier(path: string): string | null {
  const decoded = decode(path.split("?")[0]);
  return decoded === null ? null : (decoded.split("/")[0] ?? null);
}

export function matrixWebLink(url: URL, host: string): InviteLink | null {
  const fragment = url.hash.replace(/^#\/?/, "");
  if (host === "matrix.to") return room(firstIdentifier(fragment));
  if (host === "app.element.io" && fragment.startsWith("room/")) {
    return room(firstIdentifier(fragment.slice("room/".length)));
  }
  return null;
}

/** `matrix:r/<alias>:<server>` and `matrix:roomid/<id>:<server>`, sigils left out as the scheme writes them. */
export function matrixUriLink(url: URL): InviteLink | null {
  const [kind, id] = url.pathname.split("/");
  const decoded = id === undefined ? null : decode(id);
  if (decoded === null) return null;
  if (kind === "r") return room(`#${decoded}`);
  if (kind === "roomid") return room(`!${decoded}`);
  return null;
}
