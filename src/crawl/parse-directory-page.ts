/**
 * Reads one directory page (HTML, parsed by cheerio; no script runs): the
 * links to follow within the site, and every invite link with the listing it
 * sits in. Listings are found by common markup (article, li, table rows,
 * .listing/.card, [data-category]); a source can name its own selectors when a
 * directory's markup differs. Links are read wherever directories print them:
 * hrefs, text (also disguised), other attributes (copy buttons' data-*,
 * og:url, QR-code image URLs), hrefs of outbound redirectors that carry the
 * link in their query (percent- or base64-encoded) or path, and JSON data blocks.
 */
import type { CheerioAPI } from "cheerio";
import { canonicalInviteLink } from "./canonical-link.js";
import { inviteLinksInEncodedText, inviteLinksInRedirect, inviteLinksInText } from "./extract-links.js";
import { cleanText, type ListingContext } from "./listing.js";
import { inDocumentOrder, loadPage } from "./load-page.js";
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
/** A cheap test before the full search: could this attribute value hold an invite link at all? */
const MAY_HOLD_INVITE = /whatsapp|t\.me|telegram|signal|sgnl|discord|matrix|element|viber|line|tg(?::|%3a)/i;
/** Attributes that never carry a link worth reading. */
const SKIPPED_ATTRIBUTES = new Set(["class", "id", "style", "width", "height", "lang", "dir"]);

function context(
  node: Selection,
  selectors: ListingSelectors,
  pageCategory: string | undefined,
): ListingContext {
  const listing = node.closest(selectors.listing);
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
  const $ = loadPage(body);
  // JSON data blocks are data, not code: read them (JSON writes "/" as "\/"), then drop every script.
  const dataBlocks = $('script[type="application/ld+json"], script[type="application/json"]')
    .toArray()
    .map((element) => $(element).text().replaceAll("\\/", "/"));
  $("script, style, noscript, template").remove();
  const base = absolute($("base[href]").attr("href") ?? "", pageUrl)?.href ?? pageUrl;
  // Read once: looking it up per invite made a page with thousands of links quadratic.
  const pageCategory = $('meta[name="category"]').attr("content");
  const links: string[] = [];
  const seenLinks = new Set<string>();
  const invites = new Map<string, InviteLink & ListingContext>();
  const addInvite = (link: InviteLink, node: Selection) => {
    const key = inviteKey(link);
    if (!invites.has(key)) invites.set(key, { ...link, ...context(node, selectors, pageCategory) });
  };

  $("a[href], link[rel='next'][href], area[href]").each((_, element) => {
    const node = $(element);
    const href = node.attr("href") ?? "";
    // A bare "t.me/name" href is relative to a browser, but it is what the directory meant.
    const invite = canonicalInviteLink(absolute(href, base)?.href ?? href) ?? canonicalInviteLink(href);
    if (invite) {
      addInvite(invite, node);
      return;
    }
    // An outbound redirector carries the link in its query or, base64-encoded, in its path.
    for (const link of inviteLinksInRedirect(href)) addInvite(link, node);
    const url = absolute(href, base);
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return;
    url.hash = "";
    if (!seenLinks.has(url.href)) {
      seenLinks.add(url.href);
      links.push(url.href);
    }
  });

  // Text nodes one at a time: joining a whole listing's text would glue a link to the word before it.
  for (const body of $("body").toArray()) {
    for (const node of inDocumentOrder(body)) {
      if (node.type !== "text" || !("data" in node) || node.data.length < 6) continue;
      for (const link of inviteLinksInText(node.data)) addInvite(link, $(node).parent());
    }
  }

  for (const top of $.root().toArray()) {
    for (const element of inDocumentOrder(top)) {
      if (element.type !== "tag" || !("attribs" in element)) continue;
      for (const [name, value] of Object.entries(element.attribs)) {
        if (
          name === "href" ||
          SKIPPED_ATTRIBUTES.has(name) ||
          value.length < 6 ||
          !MAY_HOLD_INVITE.test(value)
        )
          continue;
        for (const link of inviteLinksInEncodedText(value)) addInvite(link, $(element));
      }
    }
  }

  for (const block of dataBlocks) {
    for (const link of inviteLinksInText(block)) addInvite(link, $("body"));
  }

  return { links, invites: [...invites.values()] };
}
