/**
 * Invite codes and listings of the fixture directory (directory-site.ts),
 * generated from a seed so tests and the benchmark know exactly which links a
 * crawl must find. Every code is made up; no real group is named.
 */
import { seededRandom } from "./patterns.js";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function fixtureCode(seed: number, length: number): string {
  const random = seededRandom(seed * 7919 + length);
  let code = "";
  for (let i = 0; i < length; i++) code += ALPHANUMERIC[Math.floor(random() * ALPHANUMERIC.length)];
  return code;
}

/** How listing n writes its link: the shapes the crawler must handle, in rotation. */
export const LISTING_SHAPES = [
  "whatsapp_href",
  "telegram_joinchat_href",
  "whatsapp_disguised_text",
  "discord_invite_href",
  "telegram_plus_text",
] as const;
export type ListingShape = (typeof LISTING_SHAPES)[number];

export interface FixtureListing {
  n: number;
  shape: ListingShape;
  title: string;
  /** The canonical URL the crawler should report. */
  canonical: string;
  /** What the page carries: an href or a text. */
  markup: string;
}

export function fixtureListing(n: number): FixtureListing {
  const shape = LISTING_SHAPES[n % LISTING_SHAPES.length];
  const title = `Fixture group ${n}`;
  switch (shape) {
    case "whatsapp_href": {
      const code = fixtureCode(n, 22);
      return {
        n,
        shape,
        title,
        canonical: `https://chat.whatsapp.com/${code}`,
        markup: `<a href="https://chat.whatsapp.com/${code}">Join</a>`,
      };
    }
    case "telegram_joinchat_href": {
      const code = fixtureCode(n, 16);
      return {
        n,
        shape,
        title,
        canonical: `https://t.me/+${code}`,
        markup: `<a href="https://t.me/joinchat/${code}">Join</a>`,
      };
    }
    case "whatsapp_disguised_text": {
      const code = fixtureCode(n, 22);
      return {
        n,
        shape,
        title,
        canonical: `https://chat.whatsapp.com/${code}`,
        markup: `<span>chat . whatsapp . com / ${code}</span>`,
      };
    }
    case "discord_invite_href": {
      const code = fixtureCode(n, 10);
      return {
        n,
        shape,
        title,
        canonical: `https://discord.gg/${code}`,
        markup: `<a href="https://discord.com/invite/${code}">Join</a>`,
      };
    }
    case "telegram_plus_text": {
      const code = fixtureCode(n, 16);
      return { n, shape, title, canonical: `https://t.me/+${code}`, markup: `<span>t[.]me/+${code}</span>` };
    }
  }
}
