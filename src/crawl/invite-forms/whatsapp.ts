/**
 * WhatsApp's public links that open a group or a channel: group invites
 * (`chat.whatsapp.com/<code>`, the older `chat.whatsapp.com/invite/<code>`,
 * and the app's `whatsapp://chat?code=<code>`) and channels
 * (`whatsapp.com/channel/<id>`, with or without www, a message id after it).
 * Codes are case-sensitive and kept as found. `wa.me/<phone>` opens a person
 * and is not a group link.
 */
import type { InviteLink } from "../platforms.js";

const GROUP_CODE = /^[A-Za-z0-9]{16,32}$/;
const CHANNEL_ID = /^[A-Za-z0-9]{16,40}$/;

function group(code: string | undefined): InviteLink | null {
  if (!code || !GROUP_CODE.test(code)) return null;
  return { platform: "whatsapp", code, url: `https://chat.whatsapp.com/${code}` };
}

function channel(id: string | undefined): InviteLink | null {
  if (!id || !CHANNEL_ID.test(id)) return null;
  return { platform: "whatsapp", code: `channel/${id}`, url: `https://whatsapp.com/channel/${id}` };
}

function segments(url: URL): string[] {
  return url.pathname.split("/").filter((s) => s.length > 0);
}

export function whatsappWebLink(url: URL, host: string): InviteLink | null {
  const parts = segments(url);
  if (host === "chat.whatsapp.com") {
    if (parts[0] === "invite") return parts.length === 2 ? group(parts[1]) : null;
    return parts.length === 1 ? group(parts[0]) : null;
  }
  if (host === "whatsapp.com" && parts[0] === "channel") {
    return parts.length === 2 || (parts.length === 3 && /^\d+$/.test(parts[2])) ? channel(parts[1]) : null;
  }
  return null;
}

/** `whatsapp://chat?code=<code>`: what chat.whatsapp.com hands to the installed app. */
export function whatsappUriLink(url: URL): InviteLink | null {
  const action = (url.hostname || url.pathname).replace(/^\/+|\/+$/g, "").toLowerCase();
  return action === "chat" ? group(url.searchParams.get("code") ?? undefined) : null;
}
