/**
 * Every public invite-link form per platform, as the platforms document them,
 * and look-alikes that must not be taken for a group. A form writes a link for
 * a code (so each printing on a test page can carry its own code) and says
 * which canonical URL it must come out as. All codes are made up.
 */

import type { InvitePlatform } from "../../src/crawl/platforms.js";
import { fixtureCode } from "../../src/demo/directory-codes.js";

export interface InviteForm {
  name: string;
  /** The link as printed, for code number n. */
  write(n: number): string;
  canonical(n: number): string;
  /** Web links can be disguised ("t[.]me"); app URIs are printed as they are. */
  web: boolean;
}

export interface PlatformForms {
  platform: InvitePlatform;
  forms: InviteForm[];
  /** Links that must not be found: other features of the platform and other sites. */
  lookAlikes: string[];
}

const wa = (n: number) => fixtureCode(1000 + n, 22);
const waChannel = (n: number) => `0029Va${fixtureCode(2000 + n, 18)}`;
/** Telegram usernames: letters, digits, single underscores; "chat" at the end so none ends in "bot". */
const tgName = (n: number) => `Fixture_${fixtureCode(3000 + n, 6)}chat`;
const tgHash = (n: number) => `${fixtureCode(4000 + n, 14)}_-`;
const signalKey = (n: number) => `CjQKI${fixtureCode(5000 + n, 40)}_-EhA${fixtureCode(5500 + n, 20)}`;
const discordCode = (n: number) => fixtureCode(6000 + n, 10);
const alias = (n: number) => `room-${fixtureCode(7000 + n, 8)}`;
const roomId = (n: number) => fixtureCode(7500 + n, 18);
const serverlessRoom = (n: number) => `${fixtureCode(7700 + n, 41)}_-`;
/** Viber tokens are standard base64: "+" and "/" appear, percent-encoded in links. */
const viberToken = (n: number) =>
  `AQ${fixtureCode(8000 + n, 20)}+${fixtureCode(8100 + n, 20)}/${fixtureCode(8200 + n, 20)}`;
const viberUrl = (kind: string, n: number) =>
  `https://invite.viber.com/?${kind}=${encodeURIComponent(viberToken(n))}`;
const lineCode = (n: number) => fixtureCode(9000 + n, 10);
const openChat = (n: number) => `${fixtureCode(9500 + n, 30)}-_`;

const form = (
  name: string,
  write: (n: number) => string,
  canonical: (n: number) => string,
  web = true,
): InviteForm => ({ name, write, canonical, web });

export const PLATFORM_FORMS: PlatformForms[] = [
  {
    platform: "whatsapp",
    forms: [
      form(
        "group",
        (n) => `https://chat.whatsapp.com/${wa(n)}`,
        (n) => `https://chat.whatsapp.com/${wa(n)}`,
      ),
      form(
        "invite path",
        (n) => `http://chat.whatsapp.com/invite/${wa(n)}`,
        (n) => `https://chat.whatsapp.com/${wa(n)}`,
      ),
      form(
        "bare host with query",
        (n) => `chat.whatsapp.com/${wa(n)}?mode=ac_t`,
        (n) => `https://chat.whatsapp.com/${wa(n)}`,
      ),
      form(
        "app",
        (n) => `whatsapp://chat?code=${wa(n)}`,
        (n) => `https://chat.whatsapp.com/${wa(n)}`,
        false,
      ),
      form(
        "channel",
        (n) => `https://whatsapp.com/channel/${waChannel(n)}`,
        (n) => `https://whatsapp.com/channel/${waChannel(n)}`,
      ),
      form(
        "channel message, www",
        (n) => `https://www.whatsapp.com/channel/${waChannel(n)}/125`,
        (n) => `https://whatsapp.com/channel/${waChannel(n)}`,
      ),
    ],
    lookAlikes: [
      `https://chat.whatsapp.com.evil.example/${wa(900)}`,
      `https://notchat.whatsapp.com/${wa(901)}`,
      "https://wa.me/15551234567",
      "https://chat.whatsapp.com/",
      "https://chat.whatsapp.com/short",
      "https://whatsapp.com/channel/",
      "https://www.whatsapp.com/download",
      "whatsapp://send?phone=15551234567",
    ],
  },
  {
    platform: "telegram",
    forms: [
      form(
        "username",
        (n) => `https://t.me/${tgName(n)}`,
        (n) => `https://t.me/${tgName(n).toLowerCase()}`,
      ),
      form(
        "telegram.me",
        (n) => `https://telegram.me/${tgName(n)}`,
        (n) => `https://t.me/${tgName(n).toLowerCase()}`,
      ),
      form(
        "telegram.dog",
        (n) => `http://telegram.dog/${tgName(n)}`,
        (n) => `https://t.me/${tgName(n).toLowerCase()}`,
      ),
      form(
        "subdomain",
        (n) => `https://${tgName(n)}.t.me`,
        (n) => `https://t.me/${tgName(n).toLowerCase()}`,
      ),
      form(
        "message link",
        (n) => `https://t.me/${tgName(n)}/1234`,
        (n) => `https://t.me/${tgName(n).toLowerCase()}`,
      ),
      form(
        "web preview",
        (n) => `https://t.me/s/${tgName(n)}`,
        (n) => `https://t.me/${tgName(n).toLowerCase()}`,
      ),
      form(
        "resolve",
        (n) => `tg://resolve?domain=${tgName(n)}`,
        (n) => `https://t.me/${tgName(n).toLowerCase()}`,
        false,
      ),
      form(
        "plus invite",
        (n) => `https://t.me/+${tgHash(n)}`,
        (n) => `https://t.me/+${tgHash(n)}`,
      ),
      form(
        "encoded plus",
        (n) => `https://t.me/%2B${tgHash(n)}`,
        (n) => `https://t.me/+${tgHash(n)}`,
      ),
      form(
        "joinchat",
        (n) => `https://t.me/joinchat/${tgHash(n)}`,
        (n) => `https://t.me/+${tgHash(n)}`,
      ),
      form(
        "telegram.me joinchat",
        (n) => `telegram.me/joinchat/${tgHash(n)}`,
        (n) => `https://t.me/+${tgHash(n)}`,
      ),
      form(
        "join uri",
        (n) => `tg://join?invite=${tgHash(n)}`,
        (n) => `https://t.me/+${tgHash(n)}`,
        false,
      ),
      form(
        "join uri without slashes",
        (n) => `tg:join?invite=${tgHash(n)}`,
        (n) => `https://t.me/+${tgHash(n)}`,
        false,
      ),
    ],
    lookAlikes: [
      "https://t.me/share/url?url=https%3A%2F%2Fexample.org",
      "https://t.me/share?url=https://example.org&text=hello",
      "https://t.me/addstickers/BenignPack",
      "https://t.me/addemoji/BenignEmoji",
      "https://t.me/addtheme/BenignTheme",
      "https://t.me/addlist/AbCdEfGhIjK",
      "https://t.me/proxy?server=192.0.2.1&port=443&secret=00112233",
      "https://t.me/socks?server=192.0.2.1&port=1080",
      "https://t.me/iv?url=https://example.org/a&rhash=abcdef",
      "https://t.me/login/123456",
      "https://t.me/setlanguage/deutsch",
      "https://t.me/bg/AbCdEfGhIjKlMn",
      "https://t.me/confirmphone?phone=15551234567&hash=abcdef",
      "https://t.me/c/1234567890/15",
      "https://t.me/+15551234567",
      "https://t.me/boost/somechannel",
      "https://t.me/giftcode/AbCdEfGhIj",
      "https://t.me/invoice/AbCdEfGhIj",
      "https://t.me/$AbCdEfGhIj",
      "https://t.me/m/AbCdEfGhIj",
      "https://t.me/contact/AbCdEfGhIj",
      "https://t.me/benign_helper_bot",
      "https://t.me/benignchannel?start=abc",
      "tg://resolve?domain=benign_helper_bot",
      "tg://resolve?phone=15551234567",
      "tg://msg_url?url=https://example.org",
      "https://addstickers.t.me/BenignPack",
      "https://t.me/joinchat/",
      "https://at.me/benignchannel",
      "https://t.me.evil.example/benignchannel",
    ],
  },
  {
    platform: "signal",
    forms: [
      form(
        "group",
        (n) => `https://signal.group/#${signalKey(n)}`,
        (n) => `https://signal.group/#${signalKey(n)}`,
      ),
      form(
        "bare host",
        (n) => `signal.group/#${signalKey(n)}`,
        (n) => `https://signal.group/#${signalKey(n)}`,
      ),
      form(
        "app",
        (n) => `sgnl://signal.group/#${signalKey(n)}`,
        (n) => `https://signal.group/#${signalKey(n)}`,
        false,
      ),
    ],
    lookAlikes: [
      "https://signal.me/#eu/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
      "https://signal.art/addstickers/#pack_id=00112233445566778899aabbccddeeff",
      "https://signal.tube/#proxy.example.org",
      "https://signal.org/download/",
      "https://signal.group/",
      "https://signal.group.evil.example/#CjQKIAbCdEfGhIjKlMnOpQrStUvWxYz",
    ],
  },
  {
    platform: "discord",
    forms: [
      form(
        "discord.gg",
        (n) => `https://discord.gg/${discordCode(n)}`,
        (n) => `https://discord.gg/${discordCode(n)}`,
      ),
      form(
        "discord.com",
        (n) => `https://discord.com/invite/${discordCode(n)}`,
        (n) => `https://discord.gg/${discordCode(n)}`,
      ),
      form(
        "discordapp.com",
        (n) => `https://discordapp.com/invite/${discordCode(n)}`,
        (n) => `https://discord.gg/${discordCode(n)}`,
      ),
      form(
        "bare discord.gg",
        (n) => `discord.gg/${discordCode(n)}`,
        (n) => `https://discord.gg/${discordCode(n)}`,
      ),
      form(
        "ptb client host",
        (n) => `https://ptb.discord.com/invite/${discordCode(n)}`,
        (n) => `https://discord.gg/${discordCode(n)}`,
      ),
    ],
    lookAlikes: [
      "https://discord.gift/AbCdEfGhIjKlMnOp",
      "https://discord.com/channels/1234567890/1234567890",
      "https://discord.new/AbCdEfGhIjKl",
      "https://mydiscord.gg/AbC123",
      "https://discord.gg.evil.example/AbC123",
      "https://discord.com/invite/",
      "https://discord.com/download",
    ],
  },
  {
    platform: "matrix",
    forms: [
      form(
        "alias",
        (n) => `https://matrix.to/#/#${alias(n)}:example.org`,
        (n) => `https://matrix.to/#/#${alias(n)}:example.org`,
      ),
      form(
        "encoded alias with via",
        (n) => `https://matrix.to/#/%23${alias(n)}:Example.org?via=example.org`,
        (n) => `https://matrix.to/#/#${alias(n)}:example.org`,
      ),
      form(
        "room id",
        (n) => `https://matrix.to/#/!${roomId(n)}:example.org?via=example.org`,
        (n) => `https://matrix.to/#/!${roomId(n)}:example.org`,
      ),
      form(
        "event in a room",
        (n) => `https://matrix.to/#/!${roomId(n)}:example.org/$AbCdEfGhIjKlMnOp?via=example.org`,
        (n) => `https://matrix.to/#/!${roomId(n)}:example.org`,
      ),
      form(
        "room version 12 id",
        (n) => `https://matrix.to/#/!${serverlessRoom(n)}`,
        (n) => `https://matrix.to/#/!${serverlessRoom(n)}`,
      ),
      form(
        "element",
        (n) => `https://app.element.io/#/room/#${alias(n)}:example.org`,
        (n) => `https://matrix.to/#/#${alias(n)}:example.org`,
      ),
      form(
        "uri alias",
        (n) => `matrix:r/${alias(n)}:example.org`,
        (n) => `https://matrix.to/#/#${alias(n)}:example.org`,
        false,
      ),
      form(
        "uri room id",
        (n) => `matrix:roomid/${roomId(n)}:example.org?via=example.org&action=join`,
        (n) => `https://matrix.to/#/!${roomId(n)}:example.org`,
        false,
      ),
    ],
    lookAlikes: [
      "https://matrix.to/#/@alice:example.org",
      "matrix:u/alice:example.org",
      "https://matrix.org/docs/chat_basics/",
      "https://matrix.to/",
      "https://app.element.io/#/home",
      "https://matrix.to.evil.example/#/#room:example.org",
    ],
  },
  {
    platform: "viber",
    forms: [
      form(
        "community",
        (n) => viberUrl("g2", n),
        (n) => viberUrl("g2", n),
      ),
      form(
        "community, language",
        (n) => `${viberUrl("g2", n)}&lang=en`,
        (n) => viberUrl("g2", n),
      ),
      form(
        "group",
        (n) => viberUrl("g", n),
        (n) => viberUrl("g", n),
      ),
      form(
        "app",
        (n) => `viber://invite.viber.com/?g2=${encodeURIComponent(viberToken(n))}`,
        (n) => viberUrl("g2", n),
        false,
      ),
    ],
    lookAlikes: [
      "viber://chat?number=%2B15551234567",
      "viber://pa?chatURI=benignbot",
      "https://invite.viber.com/",
      "https://www.viber.com/en/",
      "https://invite.viber.com.evil.example/?g2=AQAbCdEfGhIjKlMnOp",
    ],
  },
  {
    platform: "line",
    forms: [
      form(
        "group",
        (n) => `https://line.me/R/ti/g/${lineCode(n)}`,
        (n) => `https://line.me/R/ti/g/${lineCode(n)}`,
      ),
      form(
        "group without R",
        (n) => `https://line.me/ti/g/${lineCode(n)}`,
        (n) => `https://line.me/R/ti/g/${lineCode(n)}`,
      ),
      form(
        "openchat",
        (n) =>
          `https://line.me/ti/g2/${openChat(n)}?utm_source=invitation&utm_medium=link_copy&utm_campaign=default`,
        (n) => `https://line.me/ti/g2/${openChat(n)}`,
      ),
      form(
        "openchat with R",
        (n) => `https://line.me/R/ti/g2/${openChat(n)}`,
        (n) => `https://line.me/ti/g2/${openChat(n)}`,
      ),
      form(
        "app group",
        (n) => `line://ti/g/${lineCode(n)}`,
        (n) => `https://line.me/R/ti/g/${lineCode(n)}`,
        false,
      ),
      form(
        "app openchat",
        (n) => `line://ti/g2/${openChat(n)}`,
        (n) => `https://line.me/ti/g2/${openChat(n)}`,
        false,
      ),
    ],
    lookAlikes: [
      "https://line.me/R/ti/p/@benignaccount",
      "https://line.me/ti/p/~benignperson",
      "https://line.me/R/msg/text/hello",
      "https://line.me/en/",
      "line://ti/p/@benignaccount",
      "https://liff.line.me/1234567890-AbCdEfGh",
    ],
  },
];

const DISGUISES = ["[.]", " . ", "(dot)", " dot "];

/** The link with the dots of its host disguised ("chat[.]whatsapp[.]com/..."), the way directories dodge filters. */
export function disguise(link: string, style: number): string {
  const bare = link.replace(/^https?:\/\//, "");
  const end = bare.search(/[/?#]/);
  const host = end < 0 ? bare : bare.slice(0, end);
  return host.replaceAll(".", DISGUISES[style % DISGUISES.length]) + (end < 0 ? "" : bare.slice(end));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface PlantedPage {
  html: string;
  /** Canonical URLs of every link planted, each once. */
  planted: string[];
}

/**
 * One directory page with every form of a platform's links, each printing with
 * its own code: as an href, as plain text, disguised (web forms), in a copy
 * button's data attribute and behind outbound redirectors (percent-encoded in
 * the query, base64 in the path); then every
 * look-alike as an href and as text.
 */
export function plantedPage(forms: PlatformForms): PlantedPage {
  const items: string[] = [];
  const planted = new Set<string>();
  forms.forms.forEach((f, i) => {
    const printings: ((link: string) => string)[] = [
      (link) => `<a href="${escapeHtml(link)}">Join the group</a>`,
      (link) => `Join: ${escapeHtml(link)} (members only)`,
      (link) => `<button data-clipboard-text="${escapeHtml(link)}">Copy link</button>`,
      (link) => `<a href="/out?url=${encodeURIComponent(link)}" rel="nofollow">Open</a>`,
      (link) => `<a href="/go/${Buffer.from(link).toString("base64url")}">Open</a>`,
    ];
    if (f.web) printings.push((link) => `Link: ${escapeHtml(disguise(link, i))}`);
    printings.forEach((print, p) => {
      const n = i * 10 + p;
      planted.add(f.canonical(n));
      items.push(
        `<li class="listing"><h3>Benign ${forms.platform} group ${n}</h3><p>${print(f.write(n))}</p></li>`,
      );
    });
  });
  for (const lookAlike of forms.lookAlikes) {
    items.push(`<li><a href="${escapeHtml(lookAlike)}">Elsewhere</a></li>`);
    items.push(`<li>Not a group: ${escapeHtml(lookAlike)} (look-alike)</li>`);
  }
  const html = `<!doctype html><html><head><title>${forms.platform} groups</title></head><body><ul>${items.join("\n")}</ul></body></html>`;
  return { html, planted: [...planted] };
}
