/** Canonicalisation and extraction, table-driven: every spelling of a link to one canonical form. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { canonicalInviteLink } from "../../src/crawl/canonical-link.js";
import { inviteLinksInText } from "../../src/crawl/extract-links.js";

const WA = "AbCdEfGhIjKlMnOpQrStUv";
const SIG = "En4KIgogAbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdef";

const CANONICAL: [string, string | null][] = [
  [`https://chat.whatsapp.com/${WA}`, `https://chat.whatsapp.com/${WA}`],
  [`http://CHAT.WhatsApp.com/${WA}?lang=en`, `https://chat.whatsapp.com/${WA}`],
  [`chat.whatsapp.com/${WA}/`, `https://chat.whatsapp.com/${WA}`],
  ["https://chat.whatsapp.com/short", null],
  ["https://t.me/+AbCdEfGhIjK_lm", "https://t.me/+AbCdEfGhIjK_lm"],
  ["https://t.me/%2BAbCdEfGhIjK_lm", "https://t.me/+AbCdEfGhIjK_lm"],
  ["https://t.me/joinchat/AbCdEfGhIjK_lm", "https://t.me/+AbCdEfGhIjK_lm"],
  ["https://telegram.me/joinchat/AbCdEfGhIjK_lm", "https://t.me/+AbCdEfGhIjK_lm"],
  ["https://t.me/Some_Channel", "https://t.me/some_channel"],
  ["https://t.me/s/Some_Channel", "https://t.me/some_channel"],
  ["https://t.me/share/url?url=x", null],
  ["https://t.me/helper_bot", null],
  [`https://signal.group/#${SIG}`, `https://signal.group/#${SIG}`],
  ["https://signal.group/", null],
  ["https://discord.gg/AbC123", "https://discord.gg/AbC123"],
  ["https://discord.com/invite/AbC123", "https://discord.gg/AbC123"],
  ["https://www.discordapp.com/invite/AbC123", "https://discord.gg/AbC123"],
  ["https://discord.com/channels/1/2", null],
  ["https://matrix.to/#/#room:Example.org", "https://matrix.to/#/#room:example.org"],
  ["https://matrix.to/#/%23room:example.org?via=example.org", "https://matrix.to/#/#room:example.org"],
  ["https://matrix.to/#/!abcdef:example.org", "https://matrix.to/#/!abcdef:example.org"],
  ["https://example.com/chat.whatsapp.com", null],
  ["mailto:someone@example.com", null],
];

for (const [input, expected] of CANONICAL) {
  test(`canonical: ${input}`, () => {
    assert.equal(canonicalInviteLink(input)?.url ?? null, expected);
  });
}

const TEXTS: [string, string, string[]][] = [
  ["plain", `join https://chat.whatsapp.com/${WA}.`, [`https://chat.whatsapp.com/${WA}`]],
  ["spaced dots and slash", `chat . whatsapp . com / ${WA} now`, [`https://chat.whatsapp.com/${WA}`]],
  ["bracketed dots", `chat[.]whatsapp[.]com/${WA}`, [`https://chat.whatsapp.com/${WA}`]],
  ["spelt dot", "discord dot gg/AbC123", ["https://discord.gg/AbC123"]],
  ["hxxps", "hxxps://t(.)me/+AbCdEfGhIjK_lm", ["https://t.me/+AbCdEfGhIjK_lm"]],
  ["full-width dots", "t．me/joinchat/AbCdEfGhIjK_lm", ["https://t.me/+AbCdEfGhIjK_lm"]],
  ["zero-width", `chat.what\u200Bsapp.com/${WA}`, [`https://chat.whatsapp.com/${WA}`]],
  [
    "duplicates once, in order",
    `discord.gg/AbC123 https://discord.com/invite/AbC123 (https://t.me/Some_Channel)`,
    ["https://discord.gg/AbC123", "https://t.me/some_channel"],
  ],
  ["another site's path", `notchat.whatsapp.com/${WA}`, []],
  ["matrix in text", "room: matrix.to/#/#room:example.org!", ["https://matrix.to/#/#room:example.org"]],
  ["ordinary prose", "Meet at 5. Then go home / rest", []],
];

for (const [name, text, expected] of TEXTS) {
  test(`text: ${name}`, () => {
    assert.deepEqual(
      inviteLinksInText(text).map((l) => l.url),
      expected,
    );
  });
}
