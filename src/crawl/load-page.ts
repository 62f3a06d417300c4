/**
 * Parses a fetched page for reading (cheerio; no script runs) with its depth
 * bounded. Issue 17's fuzzing found that nesting held the crawler: parse5
 * (cheerio's HTML5 parser) takes time quadratic in the depth (16,000 nested
 * divs: 10 s; a 5 MB page: hours), htmlparser2 too on some inputs, and cheerio
 * walks trees recursively (text() overflowed the stack at 4,000 levels). So a
 * linear scan estimates the nesting first and a page deeper than any real
 * directory (MAX_PAGE_NESTING) is refused as too large; what parse5 builds is
 * then cut at MAX_PAGE_DEPTH, the nodes past it lifted to sit side by side
 * there, as Chromium's parser does past 512 levels.
 */
import { type CheerioAPI, loadBuffer } from "cheerio";
import { CrawlFetchError } from "./crawl-fetch-error.js";

export const MAX_PAGE_DEPTH = 512;
export const MAX_PAGE_NESTING = 1024;

type DomNode = ReturnType<CheerioAPI>[number];

/** Elements that never contain others, or that the next of their kind closes (so lists of them do not nest). */
const NO_NESTING = new Set(
  (
    "area base br col embed hr img input link meta param source track wbr " +
    "li p dt dd option optgroup tr td th thead tbody tfoot rt rp"
  ).split(" "),
);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(\/?)>/g;

/** An upper estimate of how deep a page nests, from its tags alone, in one linear pass. */
export function estimatedNesting(body: Buffer): number {
  let depth = 0;
  let deepest = 0;
  for (const [, closing, name, selfClosing] of body.toString("latin1").matchAll(TAG)) {
    if (selfClosing || NO_NESTING.has(name.toLowerCase())) continue;
    if (closing) depth = Math.max(0, depth - 1);
    else deepest = Math.max(deepest, ++depth);
  }
  return deepest;
}

/** Every node under `top` (itself included), in document order, walked with a stack rather than recursion. */
export function* inDocumentOrder(top: DomNode): Generator<DomNode> {
  const stack: DomNode[] = [top];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    yield node;
    if ("children" in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
}

/** Makes every descendant of `parent` its direct child, in document order. */
function flatten(parent: DomNode): void {
  if (!("children" in parent)) return;
  const flat = [...inDocumentOrder(parent)].slice(1) as typeof parent.children;
  for (const [i, node] of flat.entries()) {
    if ("children" in node) node.children = [];
    node.parent = parent;
    node.prev = flat[i - 1] ?? null;
    node.next = flat[i + 1] ?? null;
  }
  parent.children = flat;
}

export function loadPage(body: Buffer): CheerioAPI {
  const nesting = estimatedNesting(body);
  if (nesting > MAX_PAGE_NESTING) {
    throw new CrawlFetchError(
      "too_large",
      `the page nests elements about ${nesting} deep, over the limit of ${MAX_PAGE_NESTING}`,
    );
  }
  const $ = loadBuffer(body);
  const stack: [DomNode, number][] = $.root()
    .toArray()
    .map((node) => [node, 0]);
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [node, depth] = next;
    if (!("children" in node)) continue;
    if (depth >= MAX_PAGE_DEPTH) flatten(node);
    else for (const child of node.children) stack.push([child, depth + 1]);
  }
  return $;
}
