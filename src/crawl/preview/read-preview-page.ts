/**
 * What a public invite page shows, read from its Open Graph tags and visible
 * text (no script runs): title, description, image, member count, and whether
 * the page says the link is alive, the group is full, or the link is dead.
 */
import { cleanText } from "../listing.js";
import type { LinkObservation } from "../liveness.js";
import { loadPage } from "../load-page.js";

export interface PagePreview {
  observation: LinkObservation;
  title?: string;
  description?: string;
  imageUrl?: string;
  memberCount?: number;
  /** Why the observation is what it is, for the record. */
  note: string;
}

const DEAD_TEXT =
  /(invite link (is )?(invalid|expired|revoked|was reset)|invite invalid|link (has )?expired|no longer (valid|available))/i;
const FULL_TEXT = /(group|chat|server) is full|reached (its|the) (member )?limit/i;
const MEMBERS = /([0-9][0-9\s,.]*)\s*(members|subscribers|mitglieder|membres|miembros)/i;

function count(text: string): number | undefined {
  const match = text.match(MEMBERS);
  if (!match) return undefined;
  const digits = match[1].replace(/[\s,.]/g, "");
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : undefined;
}

export function readPreviewPage(body: Buffer, pageUrl: string, genericTitle: RegExp): PagePreview {
  const $ = loadPage(body);
  $("script, style, noscript, template").remove();
  const og = (name: string) =>
    $(`meta[property="og:${name}"]`).attr("content") ?? $(`meta[name="og:${name}"]`).attr("content");
  const title = cleanText(og("title"), 500);
  const description = cleanText(og("description"));
  const rawImage = og("image");
  let imageUrl: string | undefined;
  try {
    imageUrl = rawImage ? new URL(rawImage, pageUrl).href : undefined;
  } catch {
    imageUrl = undefined;
  }
  const text = $("body").text().replace(/\s+/g, " ");
  const memberCount = count($(".tgme_page_extra").text()) ?? count(text);
  if (DEAD_TEXT.test(text)) return { observation: "revoked", title, note: "the page says the link is dead" };
  if (!title || genericTitle.test(title)) {
    return { observation: "revoked", title, note: "the page names no group (generic or missing og:title)" };
  }
  const observation = FULL_TEXT.test(text) ? "full" : "alive";
  return {
    observation,
    title,
    description,
    imageUrl,
    memberCount,
    note: `the page shows the group (${observation})`,
  };
}
