/**
 * Video evidence in a real browser (issue 6): the demo's report about demo-2
 * carries a generated test-pattern WebM, and an MP4 is added through the API.
 * A child-safety reviewer opens the case: each video is muted, does not
 * autoplay, has no source until revealed, and is blurred and grayscale by
 * computed style (and by the user's wellness preferences when they change);
 * revealing one loads it through the audited route, it can play, and the
 * reveal is in the audit log with the case. Only ffmpeg's test patterns.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { Locator } from "playwright-core";
import { signIn } from "../console/console-client.js";
import { FFMPEG_ABSENT, generatedVideo } from "../support/generated-video.js";
import { repoRoot } from "../support/paths.js";
import { api, serve, waitForOutput, waitUntilDecided } from "../support/vigil-process.js";
import { CHROMIUM_ABSENT, launchChromium } from "./chromium.js";
import { createUser, PASSWORD } from "./console-users.js";

interface VideoState {
  filter: string;
  mutedProperty: boolean;
  mutedAttribute: boolean;
  autoplay: boolean;
  paused: boolean;
  src: string | null;
  poster: string | null;
  readyState: number;
  error: number | null;
}

/** The DOM's view of a <video> (this project's TypeScript has no DOM types outside web/). */
function videoState(locator: Locator): Promise<VideoState> {
  return locator.evaluate((node: unknown): VideoState => {
    const v = node as {
      muted: boolean;
      autoplay: boolean;
      paused: boolean;
      readyState: number;
      error: { code: number } | null;
      hasAttribute(name: string): boolean;
      getAttribute(name: string): string | null;
    };
    const view = globalThis as unknown as { getComputedStyle(el: unknown): { filter: string } };
    return {
      filter: view.getComputedStyle(node).filter,
      mutedProperty: v.muted,
      mutedAttribute: v.hasAttribute("muted"),
      autoplay: v.autoplay || v.hasAttribute("autoplay"),
      paused: v.paused,
      src: v.getAttribute("src"),
      poster: v.getAttribute("poster"),
      readyState: v.readyState,
      error: v.error?.code ?? null,
    };
  });
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("a reported video is muted, still, blurred and grayscale; one click reveals it, logged", {
  skip: CHROMIUM_ABSENT || FFMPEG_ABSENT,
  timeout: 240_000,
}, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "vigil-console-video-"));
  createUser(dataDir, "cs@example.org", "child_safety_reviewer");
  createUser(dataDir, "lead@example.org", "lead");
  const server = await serve(["--data", dataDir], {}, 60_000, true);
  const browser = await launchChromium();
  try {
    const key = /Demo API key \(shown once\): (\S+)/.exec(server.output())?.[1];
    assert.ok(key, server.output());
    await waitForOutput(server, /Demo video: a report about demo-2 with a video/);
    // A second video, MP4 (H.264), reported about the same group.
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(await generatedVideo("mp4", 3))]), "clip.mp4");
    const uploaded = await fetch(`${server.url}/v1/media`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}` },
      body: form,
    });
    const mp4 = (await uploaded.json()) as { media_id: string; kind: string };
    assert.equal(mp4.kind, "video");
    const report = {
      id: "video-e2e-report",
      type: "report.created",
      occurred_at: new Date().toISOString(),
      platform: "demo",
      report: {
        subject: { type: "group", id: "demo-2" },
        reason: "shared video",
        attachments: [mp4.media_id],
      },
    };
    assert.equal((await api(server.url, key, "POST", "/v1/events", { events: [report] })).status, 202);
    await waitUntilDecided(server.url, key, "demo", "video-e2e-report");

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(20_000);
    await page.goto(`${server.url}/console/`);
    await page.fill("input[name=email]", "cs@example.org");
    await page.fill("input[name=password]", PASSWORD);
    await page.click("button[type=submit]");
    await page.locator("tr[data-queue=ncmec]").getByRole("button", { name: "Start reviewing" }).click();
    const figures = page.locator("figure[data-kind=video]");
    await figures.nth(1).waitFor();
    assert.equal(await figures.count(), 2, "both reported videos are on the case page");
    const caseId = Number(/#\/case\/(\d+)/.exec(page.url())?.[1]);

    for (let i = 0; i < 2; i++) {
      const state = await until(
        () => videoState(figures.nth(i).locator("video")),
        (s) => s.filter !== "none",
      );
      assert.ok(state.mutedProperty && state.mutedAttribute, `video ${i} is muted: ${JSON.stringify(state)}`);
      assert.equal(state.autoplay, false, "no autoplay");
      assert.equal(state.paused, true, "not playing");
      assert.match(state.filter, /grayscale\(1\)/);
      assert.match(state.filter, /blur\(/);
      assert.equal(state.src, null, "no bytes of the video before a reveal");
      assert.match(
        String(state.poster),
        /\/preview\?case_id=\d+$/,
        "the server's tiny blurred still as poster",
      );
      const strip = figures.nth(i).locator(".strip img.blurred");
      assert.equal(await strip.count(), 4, "a strip of blurred stills");
    }
    assert.equal(await page.locator("video.revealed").count(), 0);
    await mkdir(join(repoRoot, "test-output"), { recursive: true });
    await page.screenshot({ path: join(repoRoot, "test-output", "console-video.png"), fullPage: true });

    // Reveal the MP4: only that one, through the audited route, muted and still until played.
    const mp4Figure = page.locator(`figure[data-media-id="${mp4.media_id}"]`);
    await mp4Figure.getByRole("button", { name: "Reveal (logged)" }).click();
    const revealed = await until(
      () => videoState(mp4Figure.locator("video.revealed")),
      (s) => s.readyState >= 1 || s.error !== null,
    );
    assert.match(String(revealed.src), new RegExp(`/media/${mp4.media_id}/content\\?case_id=${caseId}$`));
    assert.equal(revealed.filter, "none", "revealed: no blur, no grayscale");
    assert.ok(revealed.mutedProperty && revealed.mutedAttribute, "still muted after reveal");
    assert.equal(revealed.paused, true, "does not start by itself");
    assert.equal(revealed.error, null, `chromium plays the MP4 (media error ${revealed.error})`);
    assert.ok(revealed.readyState >= 1, "its metadata loaded");
    assert.equal(await page.locator("video.revealed").count(), 1, "one item at a time");
    const other = await videoState(page.locator("figure[data-kind=video] video.blurred"));
    assert.match(other.filter, /blur\(/, "the other video stays blurred");

    const lead = await signIn(server.url, "lead@example.org", PASSWORD);
    const audit = await lead.call("GET", `/v1/console/audit?action=media.reveal&target_id=${mp4.media_id}`);
    const entries = audit.json.entries as { actor: string; detail: { case_id: number } }[];
    assert.ok(entries.length >= 1, "the reveal is in the audit log");
    assert.deepEqual([entries[0].actor, entries[0].detail.case_id], ["user:cs@example.org", caseId]);

    // Reveal the WebM instead: the MP4 blurs again; the WebM plays too.
    await page.locator("figure[data-kind=video] button", { hasText: "Reveal (logged)" }).click();
    const webm = await until(
      () => videoState(page.locator("video.revealed")),
      (s) => s.readyState >= 1 || s.error !== null,
    );
    assert.equal(webm.error, null, "chromium plays the WebM");
    assert.equal(await page.locator("video.revealed").count(), 1);
    assert.doesNotMatch(
      String(webm.src),
      new RegExp(mp4.media_id),
      "the other video is the one revealed now",
    );

    // Wellness: with colour kept, a blurred video is blurred but not grey (the same classes as images).
    await page.locator("figure[data-kind=video] button", { hasText: "Blur again" }).click();
    const cs = await signIn(server.url, "cs@example.org", PASSWORD);
    assert.equal((await cs.call("PUT", "/v1/console/preferences", { grayscale: false })).status, 200);
    await page.reload();
    await figures.nth(1).waitFor();
    const colour = await until(
      () => videoState(figures.first().locator("video")),
      (s) => !/grayscale/.test(s.filter),
    );
    assert.doesNotMatch(colour.filter, /grayscale/);
    assert.match(colour.filter, /blur\(/);
  } finally {
    await browser.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
