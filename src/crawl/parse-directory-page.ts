/**
 * Reads one directory page (HTML, parsed by cheerio; no script runs): the
 * links to follow within the site, and every invite link with the listing it
 * sits in. Listings are found by common markup (article, li, table rows,
 * .listing/.card, [data-category]); a source can name its own selectors when a
 * directory's markup differs.
 */
import { type CheerioAPI, loadBuffer } from "cheerio";
import { canonicalInviteLink } from "./canonical-link.js";
import { inviteLinksInText } from "./extract-links.js";
import { cleanText, type ListingContext } from "./listing.js";
import { type InviteLink, inviteKey } from "./platforms.js";

export interface ListingSelectors {
  listing: string;
  title: string;
  description: string;
  category: string;
}

export const DEFAULT_SELECTORS: ListingSelectors = {
  listing: "article, li, tr, .listing, .card, .group, [data-category]",
  title: "h1, h2, h3, h4, .title",
  description: ".description, p",
  category: ".category",
};

export interface ParsedPage {
  /** Absolute http(s) URLs of links on the page, fragments removed, in page order. */
  links: string[];
  invites: (InviteLink & ListingContext)[];
}

type Selection = ReturnType<CheerioAPI>;

function context($: CheerioAPI, node: Selection, selectors: ListingSelectors): ListingContext {
  const listing = node.closest(selectors.listing);
  const pageCategory = $('meta[name="category"]').attr("content");
  if (listing.length === 0) return { category: cleanText(pageCategory, 200) };
  const category =
    listing.attr("data-category") ||
    listing.find(selectors.category).first().text() ||
    node.closest("[data-category]").attr("data-category") ||
    pageCategory;
  return {
    category: cleanText(category, 200),
    title: cleanText(listing.find(selectors.title).first().text(), 500),
    description: cleanText(listing.find(selectors.description).first().text()),
  };
}

function absolute(href: string, base: string): URL | null {
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

export function parseDirectoryPage(
  body: Buffer,
  pageUrl: string,
  selectors: ListingSelectors = DEFAULT_SELECTORS,
): ParsedPage {
  const $ = loadBuffer(body);
  $("script, style, noscript, template").remove();
  const base = absolute($("base[href]").attr("href") ?? "", pageUrl)?.href ?? pageUrl;
  const links: string[] = [];
  const seenLinks = new Set<string>();
  const invites = new Map<string, InviteLink & ListingContext>();
  const addInvite = (link: InviteLink, node: Selection) => {
    const key = inviteKey(link);
    if (!invites.has(key)) invites.set(key, { ...link, ...context($, node, selectors) });
  };

  $("a[href], link[rel='next'][href], area[href]").each((_, element) => {
    const node = $(element);
    const href = node.attr("href") ?? "";
    const invite = canonicalInviteLink(absolute(href, base)?.href ?? href);
    if (invite) {
      addInvite(invite, node);
      return;
    }
    const url = absolute(href, base);
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return;
    url.hash = "";
    if (!seenLinks.has(url.href)) {
      seenLinks.add(url.href);
      links.push(url.href);
    }
  });

  // Text nodes one at a time: joining a whole listing's text would glue a link to the word before it.
  $("body")
    .find("*")
    .addBack()
    .contents()
    .each((_, child) => {
      if (child.type !== "text") return;
      const text = $(child).text();
      if (text.length < 6) return;
      for (const link of inviteLinksInText(text)) addInvite(link, $(child).parent());
    });

  return { links, invites: [...invites.values()] };
}
