/**
 * Two of the console's promises in a real browser against a real `vigil serve`:
 * a lead applies one decision to 50 cases from the bulk page (preview first,
 * then apply), and no page of the console shows media unblurred by default —
 * the test walks every page an admin can open, the case page of a group with
 * a photo included, and finds only blurred previews. Images are generated
 * benign patterns.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { renderPattern } from "../../src/demo/patterns.js";
import { signIn } from "../console/console-client.js";
import { FFMPEG_ABSENT } from "../support/generated-video.js";
import { api, serve, waitForOutput, waitUntilDecided } from "../support/vigil-process.js";
import { CHROMIUM_ABSENT, launchChromium } from "./chromium.js";
import { createUser, PASSWORD, signInInBrowser } from "./console-users.js";

const CASES = 50;

async function patternPng(seed: number): Promise<Buffer> {
  const image = renderPattern("plaid", 200, 200, seed);
  return sharp(Buffer.from(image.pixels), { raw: { width: 200, height: 200, channels: 3 } })
    .png()
    .toBuffer();
}

/**
 * Every <img> and <video> on the page that is not a blurred preview: there must be none.
 * Beyond the class, the computed filter must blur, and a video must be muted, not
 * autoplaying and hold no source (its bytes load only on reveal).
 */
async function unblurredMedia(page: Page): Promise<number> {
  const unclassed = await page.locator("img:not(.blurred), video:not(.blurred)").count();
  const exposed = await page.locator("img, video").evaluateAll(
    (nodes: unknown[]) =>
      nodes.filter((node) => {
        const el = node as {
          tagName: string;
          muted?: boolean;
          autoplay?: boolean;
          hasAttribute(n: string): boolean;
        };
        const view = globalThis as unknown as { getComputedStyle(e: unknown): { filter: string } };
        if (!/blur\(/.test(view.getComputedStyle(node).filter)) return true;
        return el.tagName === "VIDEO" && (!el.muted || el.autoplay || el.hasAttribute("src"));
      }).length,
  );
  return unclassed + exposed;
}

test("a lead decides 50 cases at once from the bulk page; no page shows media unblurred", {
  skip: CHROMIUM_ABSENT,
  // Generous: the shared CI and development machines run many suites at once.
  timeout: 300_000,
}, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "vigil-console-walk-"));
  createUser(dataDir, "lead@example.org", "lead");
  createUser(dataDir, "admin@example.org", "admin");
  const server = await serve(["--data", dataDir], {}, 90_000, true);
  const browser = await launchChromium();
  try {
    const key = /Demo API key \(shown once\): (\S+)/.exec(server.output())?.[1];
    assert.ok(key, server.output());
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(await patternPng(3))], { type: "image/png" }), "g.png");
    const uploaded = await fetch(`${server.url}/v1/media`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}` },
      body: form,
    });
    const photo = ((await uploaded.json()) as { media_id: string }).media_id;
    // Group names the text signal routes to the child-safety queue (lexicon terms, as its README uses).
    const events = Array.from({ length: CASES }, (_, i) => ({
      id: `walk-${i}`,
      type: "group.updated",
      occurred_at: new Date().toISOString(),
      platform: "walk",
      group: {
        id: `walk-g-${i}`,
        name: `ch1ld p0rn links ${i}`,
        ...(i === 0 ? { photo: { media_id: photo } } : {}),
      },
    }));
    assert.equal((await api(server.url, key, "POST", "/v1/events", { events })).status, 202);

    const lead = await signIn(server.url, "lead@example.org", PASSWORD);
    let waiting: { id: number; subject: { id: string } }[] = [];
    for (let i = 0; i < 600 && waiting.length < CASES; i++) {
      const { json } = await lead.call("GET", "/v1/console/queues/child-safety/cases?limit=500");
      waiting = ((json.cases ?? []) as typeof waiting).filter((c) => c.subject.id.startsWith("walk-g-"));
      if (waiting.length < CASES) await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(waiting.length, CASES, "every event opened a case");
    const photoCase = waiting.find((c) => c.subject.id === "walk-g-0")?.id;
    assert.ok(photoCase);
    // The demo's demo-2 case carries a reported video when ffmpeg made one (after start-up): walk its page too.
    if (!FFMPEG_ABSENT) {
      await waitForOutput(server, /Demo video: a report about demo-2 with a video/);
      await waitUntilDecided(server.url, key, "demo", "demo-event-report-video", 60_000);
    }
    const ncmec = await lead.call("GET", "/v1/console/queues/ncmec/cases?limit=50");
    const videoCase = FFMPEG_ABSENT
      ? undefined
      : ((ncmec.json.cases ?? []) as { id: number; subject: { id: string } }[]).find(
          (c) => c.subject.id === "demo-2",
        )?.id;
    assert.ok(FFMPEG_ABSENT || videoCase, "the demo's video case");

    // Each person in a fresh browser context: their own session cookie.
    const signInAs = async (email: string) => {
      const page = await signInInBrowser(browser, server.url, email);
      await page.locator("nav").waitFor();
      return page;
    };

    // Walk every page as an admin, the case page of the group with a photo too, before deciding anything.
    let page = await signInAs("admin@example.org");
    const hrefs = await page
      .locator("nav a[href^='#/']")
      .evaluateAll((links: unknown[]) =>
        links.map((a) => (a as { getAttribute(n: string): string | null }).getAttribute("href") ?? ""),
      );
    assert.ok(hrefs.length >= 6, `the admin's menu: ${hrefs.join(" ")}`);
    const cases = [photoCase, ...(videoCase ? [videoCase] : [])];
    for (const hash of ["#/", ...hrefs, ...cases.map((id) => `#/case/${id}`)]) {
      await page.goto(`${server.url}/console/${hash}`);
      await page.locator("main").first().waitFor();
      // Hash routes change in place: let the page fetch and draw before looking.
      if (hash.startsWith("#/case/"))
        await page.getByRole("heading", { name: `Case ${hash.slice("#/case/".length)}` }).waitFor();
      if (hash === `#/case/${videoCase}`) await page.locator("figure[data-kind=video] video").waitFor();
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(500);
      assert.equal(await unblurredMedia(page), 0, `${hash} shows media unblurred`);
    }
    await page.locator("img.blurred").first().waitFor();

    // The lead's bulk decision: the whole queue selected, previewed, applied.
    page = await signInAs("lead@example.org");
    await page.goto(`${server.url}/console/#/bulk`);
    await page.getByRole("heading", { name: "Bulk decision" }).waitFor();
    await page.getByLabel("Select from queue").selectOption("child-safety");
    await page.getByRole("button", { name: `Select all ${CASES}` }).click();
    await page.getByRole("checkbox", { name: "disable_group" }).check();
    await page.getByLabel("Policy").selectOption("CSE-3");
    await page.getByLabel("Reason").fill("one ring, names advertise abuse material");
    await page.getByRole("button", { name: "Preview" }).click();
    await page
      .locator("tr.would_decide")
      .nth(CASES - 1)
      .waitFor();
    assert.equal(await page.locator("tr.would_decide").count(), CASES);
    await page.getByRole("button", { name: "Apply to all that pass" }).click();
    // It asks first, naming the groups (not case ids).
    const confirm = page.getByRole("region", { name: "Confirm the bulk decision" });
    await confirm
      .getByText(/walk-g-\d+/)
      .first()
      .waitFor();
    await confirm.getByRole("button", { name: "Yes, apply to all of them" }).click();
    await page
      .locator("tr.decided")
      .nth(CASES - 1)
      .waitFor({ timeout: 120_000 });
    assert.equal(await page.locator("tr.decided").count(), CASES);
    assert.equal(await unblurredMedia(page), 0);

    const left = await lead.call("GET", "/v1/console/queues/child-safety/cases?limit=500");
    const stillWaiting = ((left.json.cases ?? []) as { subject: { id: string } }[]).filter((c) =>
      c.subject.id.startsWith("walk-g-"),
    );
    assert.equal(stillWaiting.length, 0, "all 50 decided");
    const decided = await api(server.url, key, "GET", `/v1/cases/${photoCase}`);
    const log = decided.json.events as { kind: string; actor: string; detail: { action?: string } }[];
    assert.ok(
      log.some(
        (e) => e.kind === "act" && e.actor === "user:lead@example.org" && e.detail.action === "disable_group",
      ),
    );
  } finally {
    await browser.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
