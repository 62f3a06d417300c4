/**
 * Hostile pages and robots.txt files for the crawler's parsers: fixed attacks
 * (nesting 50,000 deep, a megabyte attribute, invalid UTF-8, lying
 * Crawl-delay values, a wildcard pattern built to backtrack) and fast-check
 * documents assembled from hostile fragments.
 */
import fc from "fast-check";

const INVITE = "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv";

export function hostileHtmlCorpus(): { name: string; body: Buffer }[] {
  const html = (name: string, text: string) => ({ name, body: Buffer.from(text, "utf8") });
  return [
    html("empty", ""),
    html("50,000 nested divs", `${"<div>".repeat(50_000)}<a href="${INVITE}">x</a>`),
    html("50,000 unclosed listings", `${"<li><article>".repeat(50_000)}`),
    html("3,000 invite links", `<ul>${`<li><a href="${INVITE}">g</a></li>`.repeat(3_000)}</ul>`),
    html("1 MB attribute", `<a href="${"https://t.me/".padEnd(1 << 20, "a")}">x</a>`),
    html("base href javascript:", `<base href="javascript:alert(1)"><a href="/x">x</a>`),
    html("base href not a URL", `<base href="http://[::1"><a href="::::">x</a>`),
    html(
      "json data block nested 10,000 deep",
      `<script type="application/ld+json">${"[".repeat(10_000)}</script>`,
    ),
    html(
      "json data block with invite",
      `<script type="application/json">{"u":"https:\\/\\/t.me\\/joinchat\\/abc"}</script>`,
    ),
    html("NUL and lone surrogates", `<h2>\0\ud800</h2><p>\udfff</p><a href="${INVITE}\0">x</a>`),
    html(
      "og tags that lie",
      '<meta property="og:image" content="javascript:alert(1)"><meta property="og:title" content="">',
    ),
    html("member count of 30 digits", "<p>999999999999999999999999999999 members</p>"),
    html("comment and CDATA never closed", "<!-- <a href='https://t.me/x'> <![CDATA[ <a"),
    html(
      "redirector with encoded invite",
      `<a href="https://out.example/?u=${encodeURIComponent(INVITE)}">x</a>`,
    ),
    html("redirector encoded 20 times", `<a href="https://out.example/?u=${"%2525".repeat(20)}">x</a>`),
    { name: "invalid UTF-8", body: Buffer.from([0x3c, 0x61, 0x20, 0xff, 0xfe, 0xc3, 0x28, 0x3e, 0x80]) },
    { name: "UTF-16 BOM", body: Buffer.from([0xff, 0xfe, 0x3c, 0x00, 0x61, 0x00]) },
  ];
}

export function hostileRobotsCorpus(): { name: string; text: string }[] {
  return [
    { name: "empty", text: "" },
    {
      name: "backtracking wildcards",
      text: `User-agent: *\nDisallow: /${"a*".repeat(40)}b\nAllow: /${"*a".repeat(40)}$\n`,
    },
    { name: "20,000 rules", text: `User-agent: *\n${"Disallow: /x*y\n".repeat(20_000)}` },
    {
      name: "crawl-delay that lies",
      text: "User-agent: *\nCrawl-delay: 1e309\nCrawl-delay: -5\nCrawl-delay: NaN\n",
    },
    { name: "rules before any group", text: "Disallow: /\nAllow: /a\n" },
    { name: "NUL, BOM and lone surrogate", text: "\uFEFFUser-agent: *\0\nDisallow: /\ud800\n" },
    { name: "carriage returns only", text: "User-agent: *\rDisallow: /\r" },
    { name: "a 1 MB line", text: `User-agent: *\nDisallow: /${"*".repeat(1 << 20)}\n` },
    {
      name: "regex metacharacters",
      text: "User-agent: *\nDisallow: /(a+)+[$\nDisallow: /\\\nAllow: /.*$$\n",
    },
  ];
}

/** Paths the crawler could be asked about, from a hostile page's links. */
export const hostilePaths = [
  "/",
  "",
  `/${"a".repeat(5000)}`,
  "/a?b=c#d",
  "/\ud800",
  "/%00",
  `/${"a*".repeat(100)}`,
];

const fragment = fc.oneof(
  fc.constantFrom(
    "<div>",
    "</div>",
    "<li>",
    "<article class='listing'>",
    "<h2>",
    "<p class='description'>",
    "<span class='category'>",
    "<script>",
    "</script>",
    '<script type="application/ld+json">',
    "<template>",
    "<!--",
    "-->",
    "<base href='",
    "<meta property='og:title' content='",
    "<meta property='og:image' content='",
    "<a href='",
    "'>",
    "</a>",
    INVITE,
    "https://t.me/",
    "tg://join?invite=",
    "https://discord.gg/",
    "https://signal.group/#",
    "12 345 members",
    "invite link expired",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "\0",
    "\ud800",
    "%2F%2F",
  ),
  fc.string({ maxLength: 12 }),
);

export const hostileHtml: fc.Arbitrary<Buffer> = fc
  .array(fragment, { maxLength: 60 })
  .map((parts) => Buffer.from(parts.join(""), "utf8"));

const robotsLine = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("User-agent", "user-AGENT", "Allow", "Disallow", "Crawl-delay", "Sitemap", "Host", ""),
      fc.string({
        unit: fc.constantFrom(
          "/",
          "*",
          "$",
          "a",
          "b",
          "?",
          "%",
          ".",
          "(",
          "\\",
          " ",
          "#",
          "\0",
          "\ud800",
          "1",
          "-",
        ),
        maxLength: 20,
      }),
    )
    .map(([key, value]) => `${key}:${value}`),
  fc.string({ maxLength: 20 }),
);

export const hostileRobots: fc.Arbitrary<string> = fc
  .tuple(fc.array(robotsLine, { maxLength: 30 }), fc.constantFrom("\n", "\r\n", "\r"))
  .map(([lines, eol]) => lines.join(eol));

/** A short pattern and path over the characters that matter to matching, for comparing two readings. */
export const patternAndPath = fc.tuple(
  fc.string({ unit: fc.constantFrom("/", "a", "b", "*", "$", "."), maxLength: 8 }).map((p) => `/${p}`),
  fc.string({ unit: fc.constantFrom("/", "a", "b", "$", "."), maxLength: 12 }).map((p) => `/${p}`),
);
