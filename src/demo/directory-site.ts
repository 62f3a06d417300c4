/**
 * A fixture group directory served on 127.0.0.1, for crawler tests and the
 * crawl benchmark: categories with paginated listings (relative and absolute
 * links, duplicates, disguised links), a JSON API, and traps (robots.txt
 * disallow, a slow page, a redirect loop, a 50 MB page, malformed HTML, a
 * redirect to a name that resolves to loopback). It also imitates public
 * invite preview pages per platform, whose state (alive, full, revoked) a test
 * can change. Everything is benign and made up.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import sharp from "sharp";
import { fixtureListing } from "./directory-codes.js";
import { PATTERN_NAMES, renderPattern } from "./patterns.js";

export interface DirectorySiteOptions {
  categories: string[];
  pagesPerCategory: number;
  listingsPerPage: number;
  /** JSON API pages (listings continue after the HTML ones). */
  apiPages: number;
  /** How long /slow waits before answering. */
  slowMs: number;
}

export const DEFAULT_DIRECTORY_SITE: DirectorySiteOptions = {
  categories: ["Friendship", "Football", "Cooking"],
  pagesPerCategory: 2,
  listingsPerPage: 5,
  apiPages: 2,
  slowMs: 3_000,
};

export type PreviewState = "alive" | "full" | "revoked";

export interface PreviewFixture {
  state: PreviewState;
  title: string;
  description: string;
  members: number;
  /** Which generated pattern the group photo is (seed 7 is the demo bank's). */
  image: { pattern: string; seed: number };
}

export interface DirectorySite {
  origin: string;
  port: number;
  /** Requests received by path (query excluded), to prove a path was never fetched. */
  hits: Map<string, number>;
  /** Canonical URLs of every link the crawlable HTML pages carry. */
  expectedHtmlLinks(): string[];
  /** Canonical URLs of every link in the JSON API. */
  expectedApiLinks(): string[];
  /** The canonical URL of the link only the robots-disallowed page carries. */
  hiddenLink: string;
  /** Preview pages by "<platform>/<code>"; absent codes show a default alive group. */
  previews: Map<string, PreviewFixture>;
  close(): Promise<void>;
}

function slug(category: string): string {
  return category.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function startDirectorySite(
  overrides: Partial<DirectorySiteOptions> = {},
): Promise<DirectorySite> {
  const options = { ...DEFAULT_DIRECTORY_SITE, ...overrides };
  const hits = new Map<string, number>();
  const previews = new Map<string, PreviewFixture>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const images = new Map<string, Buffer>();
  const perCategory = options.pagesPerCategory * options.listingsPerPage;
  const htmlListings = options.categories.length * perCategory;
  const hiddenLink = "https://chat.whatsapp.com/HiddenBehindRobotsTxt01";
  let origin = "";

  const listingNumber = (categoryIndex: number, page: number, i: number) =>
    categoryIndex * perCategory + (page - 1) * options.listingsPerPage + i;

  const html = (res: ServerResponse, body: string, status = 200) => {
    res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html><head><title>Fixture directory</title></head><body>${body}</body></html>`);
  };

  const categoryPage = (res: ServerResponse, categoryIndex: number, page: number) => {
    const category = options.categories[categoryIndex];
    const listings: string[] = [];
    for (let i = 0; i < options.listingsPerPage; i++) {
      const listing = fixtureListing(listingNumber(categoryIndex, page, i));
      listings.push(
        `<article class="listing" data-category="${escapeHtml(category)}"><h3>${listing.title}</h3>` +
          `<p class="description">A benign fixture group about ${escapeHtml(category)}.</p>${listing.markup}</article>`,
      );
    }
    // The first listing of the category again, as directories repeat "featured" groups.
    const featured = fixtureListing(listingNumber(categoryIndex, 1, 0));
    const next = page < options.pagesPerCategory ? `<a rel="next" href="?page=${page + 1}">next</a>` : "";
    html(
      res,
      `<h1>${escapeHtml(category)}</h1>${listings.join("")}<aside>${featured.markup}</aside>` +
        `<nav><a href="/">home</a> <a href="${origin}/c/${slug(category)}?page=1">first</a> ${next}</nav>`,
    );
  };

  const apiPage = (res: ServerResponse, page: number) => {
    const groups = [];
    for (let i = 0; i < options.listingsPerPage; i++) {
      const listing = fixtureListing(htmlListings + (page - 1) * options.listingsPerPage + i);
      groups.push({
        name: `API ${listing.title}`,
        invite: listing.canonical,
        tags: { category: "Api category" },
      });
    }
    const next = page < options.apiPages ? `/api/groups?page=${page + 1}` : null;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ data: { groups }, next }));
  };

  const index = () => {
    const nav = options.categories
      .map((c, i) =>
        i % 2 === 0
          ? `<a href="c/${slug(c)}?page=1">${c}</a>`
          : `<a href="${origin}/c/${slug(c)}?page=1#top">${c}</a>`,
      )
      .join(" ");
    return (
      `<nav>${nav}</nav><a href="/private/hidden">members only</a> <a href="/slow">slow</a>` +
      ` <a href="/loop/a">loop</a> <a href="/huge">huge</a> <a href="/huge-chunked">huge too</a>` +
      ` <a href="/malformed">old page</a> <a href="/ssrf-redirect">partner</a> <a href="/image.png">logo</a>` +
      ` <a href="https://elsewhere.invalid/">elsewhere</a> <a href="mailto:x@example.invalid">mail</a>`
    );
  };

  const image = async (pattern: string, seed: number): Promise<Buffer> => {
    const key = `${pattern}:${seed}`;
    let png = images.get(key);
    if (!png) {
      const name = PATTERN_NAMES.find((p) => p === pattern) ?? "gradient";
      const rgb = renderPattern(name, 256, 256, seed);
      png = await sharp(Buffer.from(rgb.pixels), {
        raw: { width: rgb.width, height: rgb.height, channels: 3 },
      })
        .png()
        .toBuffer();
      images.set(key, png);
    }
    return png;
  };

  const preview = (res: ServerResponse, platform: string, code: string) => {
    const fixture = previews.get(`${platform}/${code}`) ?? {
      state: "alive" as const,
      title: `Fixture group ${code}`,
      description: "A benign fixture group.",
      members: 42,
      image: { pattern: "gradient", seed: 3 },
    };
    if (fixture.state === "revoked") {
      if (platform === "discord") return html(res, "<h1>Invite Invalid</h1>", 404);
      return html(
        res,
        `<meta property="og:title" content="${platformTitle(platform)}"><p>This invite link is invalid or was reset.</p>`,
      );
    }
    const full = fixture.state === "full" ? `<p class="notice">This group is full.</p>` : "";
    const imageUrl = `${origin}/img/${fixture.image.pattern}/${fixture.image.seed}.png`;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      `<!doctype html><html><head><meta property="og:title" content="${escapeHtml(fixture.title)}">` +
        `<meta property="og:description" content="${escapeHtml(fixture.description)}">` +
        `<meta property="og:image" content="${imageUrl}"></head><body>` +
        `<div class="tgme_page_extra">${fixture.members} members</div>${full}</body></html>`,
    );
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://fixture");
    const path = url.pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const page = Math.max(1, Number(url.searchParams.get("page") ?? "1") || 1);
    const category = path.match(/^\/c\/([a-z0-9-]+)$/);
    const previewMatch = path.match(/^\/preview\/([a-z]+)\/(.+)$/);
    const img = path.match(/^\/img\/([a-z]+)\/([0-9]+)\.png$/);
    if (path === "/robots.txt") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("User-agent: *\nDisallow: /private/\n");
    } else if (path === "/") html(res, index());
    else if (category) {
      const i = options.categories.findIndex((c) => slug(c) === category[1]);
      if (i < 0 || page > options.pagesPerCategory) html(res, "<p>not found</p>", 404);
      else categoryPage(res, i, page);
    } else if (path === "/private/hidden") html(res, `<a href="${hiddenLink}">secret</a>`);
    else if (path === "/slow") {
      const timer = setTimeout(() => html(res, "<p>finally</p>"), options.slowMs);
      timers.add(timer);
    } else if (path === "/loop/a" || path === "/loop/b") {
      res.writeHead(302, { location: path === "/loop/a" ? "/loop/b" : "/loop/a" });
      res.end();
    } else if (path === "/huge") {
      res.writeHead(200, { "content-type": "text/html", "content-length": 50 * 1024 * 1024 });
      streamFiller(res, 50 * 1024 * 1024);
    } else if (path === "/huge-chunked") {
      res.writeHead(200, { "content-type": "text/html" });
      streamFiller(res, 50 * 1024 * 1024);
    } else if (path === "/malformed") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(
        `<html><body><div><article data-category="Old"><h3>Broken <b>markup<a href="https://discord.gg/Malformed01">join` +
          `<li>unclosed <p>text t.me/joinchat/MalformedLink01 <table><tr><td>`,
      );
    } else if (path === "/ssrf-redirect") {
      res.writeHead(302, {
        location: `http://internal.test:${(server.address() as AddressInfo).port}/private/hidden`,
      });
      res.end();
    } else if (path === "/image.png") {
      res.writeHead(200, { "content-type": "image/png" });
      res.end(await image("gradient", 1));
    } else if (path === "/api/groups") apiPage(res, page);
    else if (previewMatch) preview(res, previewMatch[1], decodeURIComponent(previewMatch[2]));
    else if (img) {
      res.writeHead(200, { "content-type": "image/png" });
      res.end(await image(img[1], Number(img[2])));
    } else html(res, "<p>not found</p>", 404);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  const links = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => fixtureListing(from + i).canonical);

  return {
    origin,
    port,
    hits,
    previews,
    hiddenLink,
    expectedHtmlLinks: () => [
      ...links(0, htmlListings),
      "https://discord.gg/Malformed01",
      "https://t.me/+MalformedLink01",
    ],
    expectedApiLinks: () => links(htmlListings, options.apiPages * options.listingsPerPage),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, "close").catch(() => undefined);
    },
  };
}

function platformTitle(platform: string): string {
  return platform === "telegram"
    ? "Telegram Messenger"
    : platform === "whatsapp"
      ? "WhatsApp Group Invite"
      : "Invite";
}

/** Writes filler until `total` bytes or until the client hangs up (it should, at its size cap). */
function streamFiller(res: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, "<p>filler</p>\n");
  let sent = 0;
  const pump = () => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once("drain", pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on("error", () => undefined);
  pump();
}
