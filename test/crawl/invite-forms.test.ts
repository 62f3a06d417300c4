/**
 * Every documented invite-link form per platform comes out as one canonical
 * link, alone and inside text; every look-alike is refused; and the case rules
 * hold (Telegram usernames and server names fold case, codes do not).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { canonicalInviteLink } from "../../src/crawl/canonical-link.js";
import { inviteLinksInText } from "../../src/crawl/extract-links.js";
import { inviteKey } from "../../src/crawl/platforms.js";
import { PLATFORM_FORMS } from "./invite-form-fixtures.js";

for (const { platform, forms, lookAlikes } of PLATFORM_FORMS) {
  for (const form of forms) {
    test(`${platform} ${form.name}: ${form.write(1)}`, () => {
      const link = canonicalInviteLink(form.write(1));
      assert.equal(link?.url, form.canonical(1));
      assert.equal(link?.platform, platform);
      assert.deepEqual(
        inviteLinksInText(`Join us: ${form.write(1)}, today.`).map((l) => l.url),
        [form.canonical(1)],
      );
    });
  }
  for (const lookAlike of lookAlikes) {
    test(`${platform} look-alike is not a group: ${lookAlike}`, () => {
      assert.equal(canonicalInviteLink(lookAlike), null);
      assert.deepEqual(inviteLinksInText(`Not a group: ${lookAlike}.`), []);
    });
  }
}

const key = (text: string) => {
  const link = canonicalInviteLink(text);
  return link ? inviteKey(link) : null;
};

test("Telegram usernames fold case on every host; invite hashes keep it", () => {
  assert.equal(key("https://t.me/Benign_Channel"), key("tg://resolve?domain=benign_channel"));
  assert.equal(key("https://telegram.dog/BENIGN_CHANNEL"), key("https://benign_channel.t.me/"));
  assert.notEqual(key("https://t.me/+AbCdEfGhIjKlMnOp"), key("https://t.me/+abcdefghijklmnop"));
  assert.equal(key("https://t.me/joinchat/AbCdEfGhIjKlMnOp"), key("tg:join?invite=AbCdEfGhIjKlMnOp"));
});

test("codes keep their case on WhatsApp, Discord, Signal, Viber and LINE; Matrix folds only the server", () => {
  assert.notEqual(
    key("https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv"),
    key("https://chat.whatsapp.com/abcdefghijklmnopqrstuv"),
  );
  assert.notEqual(key("https://discord.gg/AbC123"), key("https://discord.gg/abc123"));
  assert.notEqual(key("https://line.me/ti/g2/AbCdEfGhIj"), key("https://line.me/ti/g2/abcdefghij"));
  assert.equal(key("https://matrix.to/#/#Room:EXAMPLE.org"), key("matrix:r/Room:example.org"));
  assert.notEqual(key("https://matrix.to/#/#Room:example.org"), key("https://matrix.to/#/#room:example.org"));
});

test("Telegram usernames follow Telegram's rules: letter first, no double or trailing underscore", () => {
  assert.equal(canonicalInviteLink("https://t.me/1benign")?.url ?? null, null);
  assert.equal(canonicalInviteLink("https://t.me/benign__chan")?.url ?? null, null);
  assert.equal(canonicalInviteLink("https://t.me/benignchan_")?.url ?? null, null);
  assert.equal(canonicalInviteLink("https://t.me/abc")?.url ?? null, null);
  assert.equal(canonicalInviteLink("https://t.me/abcd")?.url, "https://t.me/abcd");
  assert.equal(
    canonicalInviteLink("https://t.me/benignchannel?livestream")?.url,
    "https://t.me/benignchannel",
  );
  assert.equal(canonicalInviteLink("https://t.me/benignchannel/s/12")?.url, "https://t.me/benignchannel");
  assert.equal(canonicalInviteLink("https://t.me/BenignHelperBot")?.url ?? null, null);
});

test("a link followed by a sentence is still read, and disguises across a sentence do not glue it", () => {
  assert.deepEqual(
    inviteLinksInText(
      "Group: t.me/benign_channel. Members: 40. Also chat . whatsapp . com / AbCdEfGhIjKlMnOpQrStUv",
    ).map((l) => l.url),
    ["https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv", "https://t.me/benign_channel"].sort(),
  );
});
