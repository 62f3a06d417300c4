/**
 * Preview resolvers against the fixture's imitation invite pages (base URLs
 * pointed at 127.0.0.1, as VIGIL_PREVIEW_BASE_* does): the right title,
 * description, member count and image per platform; a link going from alive
 * to revoked is recorded with its time of removal.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createCrawlTools } from "../../src/crawl/crawl-tools.js";
import { newLiveness, observe } from "../../src/crawl/liveness.js";
import { INVITE_PLATFORMS, type InviteLink } from "../../src/crawl/platforms.js";
import { previewBases } from "../../src/crawl/preview/preview-sources.js";
import { resolvePreview } from "../../src/crawl/preview/resolve-preview.js";
import { type DirectorySite, startDirectorySite } from "../../src/demo/directory-site.js";

let site: DirectorySite;
before(async () => {
  site = await startDirectorySite();
});
after(() => site.close());

function options(withImage = true) {
  const env = Object.fromEntries(
    INVITE_PLATFORMS.map((p) => [`VIGIL_PREVIEW_BASE_${p.toUpperCase()}`, `${site.origin}/preview/${p}`]),
  );
  const tools = createCrawlTools({ networkAllowHosts: ["127.0.0.1"], timeoutMs: 2000, minIntervalMs: 0 });
  return { bases: previewBases(env), fetch: tools.fetch, withImage, maxImageBytes: 1024 * 1024 };
}

const LINKS: InviteLink[] = [
  {
    platform: "whatsapp",
    code: "AbCdEfGhIjKlMnOpQrStUv",
    url: "https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv",
  },
  { platform: "telegram", code: "+AbCdEfGhIjK", url: "https://t.me/+AbCdEfGhIjK" },
  {
    platform: "signal",
    code: "En4KIgogAbCdEfGhIjKlMnOp",
    url: "https://signal.group/#En4KIgogAbCdEfGhIjKlMnOp",
  },
  { platform: "discord", code: "AbC123", url: "https://discord.gg/AbC123" },
  { platform: "matrix", code: "#room:example.org", url: "https://matrix.to/#/#room:example.org" },
];

for (const link of LINKS) {
  test(`a ${link.platform} preview resolves to its title, description, members and image`, async () => {
    site.previews.set(`${link.platform}/${link.code}`, {
      state: "alive",
      title: `Benign ${link.platform} group`,
      description: "About football",
      members: 1234,
      image: { pattern: "rings", seed: 7 },
    });
    const preview = await resolvePreview(link, options());
    assert.equal(preview.observation, "alive", preview.note);
    assert.equal(preview.title, `Benign ${link.platform} group`);
    assert.equal(preview.description, "About football");
    assert.equal(preview.memberCount, 1234);
    assert.equal(preview.imageUrl, `${site.origin}/img/rings/7.png`);
    assert.equal(preview.image?.contentType, "image/png");
    assert.ok((preview.image?.bytes.length ?? 0) > 100);
  });
}

test("without a configured base, Signal and Matrix have no public preview", async () => {
  const preview = await resolvePreview(LINKS[2], { ...options(), bases: previewBases({}) });
  assert.equal(preview.observation, "unknown");
  assert.match(preview.note, /no public preview/);
});

test("a full group and a revoked link (page text, HTTP 404) are told apart", async () => {
  const full: InviteLink = { platform: "whatsapp", code: "FullGroupFullGroup0001", url: "" };
  site.previews.set("whatsapp/FullGroupFullGroup0001", {
    state: "full",
    title: "Full group",
    description: "",
    members: 1024,
    image: { pattern: "gradient", seed: 1 },
  });
  assert.equal((await resolvePreview(full, options(false))).observation, "full");
  for (const platform of ["whatsapp", "discord"] as const) {
    const link: InviteLink = { platform, code: "GoneGoneGoneGoneGone01", url: "" };
    site.previews.set(`${platform}/GoneGoneGoneGoneGone01`, {
      ...site.previews.get("whatsapp/FullGroupFullGroup0001")!,
      state: "revoked",
    });
    assert.equal((await resolvePreview(link, options(false))).observation, "revoked");
  }
});

test("liveness: a link going from alive to revoked is recorded with the time of removal", async () => {
  const link = LINKS[0];
  const key = `${link.platform}/${link.code}`;
  const fixture = site.previews.get(key) ?? {
    state: "alive" as const,
    title: "t",
    description: "d",
    members: 1,
    image: { pattern: "gradient", seed: 1 },
  };
  site.previews.set(key, { ...fixture, state: "alive" });
  const at = (m: number) => new Date(Date.UTC(2026, 10, 23, 10, m));
  let live = newLiveness(at(0));
  live = observe(live, (await resolvePreview(link, options(false))).observation, at(0));
  assert.equal(live.state, "alive");
  site.previews.set(key, { ...fixture, state: "revoked" });
  live = observe(live, (await resolvePreview(link, options(false))).observation, at(10));
  live = observe(live, (await resolvePreview(link, options(false))).observation, at(20));
  assert.equal(live.state, "revoked");
  assert.deepEqual(live.removedAt, at(10));
});
