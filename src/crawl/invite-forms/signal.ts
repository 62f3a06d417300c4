/**
 * Signal group links: `https://signal.group/#<key>` and the app's
 * `sgnl://signal.group/#<key>`. The fragment is the group's invite (master key
 * and password, base64url): case-sensitive, kept as found, and never sent to
 * a server. `signal.me` (people) and `signal.art` (stickers) are not groups.
 */
import type { InviteLink } from "../platforms.js";

const FRAGMENT = /^[A-Za-z0-9_\-=+/%]{20,600}$/;

export function signalLink(url: URL, host: string): InviteLink | null {
  if (host !== "signal.group") return null;
  const fragment = url.hash.replace(/^#/, "");
  if (!FRAGMENT.test(fragment)) return null;
  return { platform: "signal", code: fragment, url: `https://signal.group/#${fragment}` };
}
