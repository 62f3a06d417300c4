/**
 * Discord invites on each host Discord serves them from: `discord.gg/<code>`,
 * `discord.com/invite/<code>` and `discordapp.com/invite/<code>` (and the
 * ptb./canary. client hosts). Codes (random or vanity) are kept as found.
 * `discord.gift`, `discord.new` and `discord.com/channels/...` are not invites.
 */
import type { InviteLink } from "../platforms.js";

const CODE = /^[A-Za-z0-9-]{2,32}$/;
const APP_HOSTS = new Set([
  "discord.com",
  "discordapp.com",
  "ptb.discord.com",
  "canary.discord.com",
  "ptb.discordapp.com",
  "canary.discordapp.com",
]);

export function discordWebLink(url: URL, host: string): InviteLink | null {
  const parts = url.pathname.split("/").filter((s) => s.length > 0);
  let code: string | undefined;
  if (host === "discord.gg")
    code = parts[0] === "invite" ? parts[1] : parts.length === 1 ? parts[0] : undefined;
  else if (APP_HOSTS.has(host) && parts[0] === "invite" && parts.length === 2) code = parts[1];
  if (!code || !CODE.test(code) || (host === "discord.gg" && parts.length > 2)) return null;
  return { platform: "discord", code, url: `https://discord.gg/${code}` };
}
