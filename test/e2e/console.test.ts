/**
 * The console in a real browser against a real `vigil serve` with the demo
 * data: a child-safety reviewer signs in, opens the queue, starts reviewing,
 * sees the subject's photo blurred and grayscale, reveals it (and the reveal
 * is in the audit log), decides with the keyboard, and the case is closed
 * with the action queued. The image is a generated benign pattern.
 *
 * Writes test-output/console.png; with VIGIL_UPDATE_SCREENSHOTS=1 also
 * docs/console.png (the README's picture), so ordinary runs leave the
 * checkout clean.
 */
import assert from "node:assert/strict";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import sharp from "sharp";
import { renderPattern } from "../../src/demo/patterns.js";
import { signIn } from "../console/console-client.js";
import { repoRoot } from "../support/paths.js";
import { api, serve, waitUntilDecided } from "../support/vigil-process.js";
import { CHROMIUM_ABSENT, launchChromium, loadedImage } from "./chromium.js";
import { createUser, PASSWORD, signInInBrowser } from "./console-users.js";

async function patternPng(): Promise<Buffer> {
  const image = renderPattern("rings", 256, 256, 7);
  return sharp(Buffer.from(image.pixels), { raw: { width: 256, height: 256, channels: 3 } })
    .png()
    .toBuffer();
}

test("sign in, start reviewing, blurred photo, logged reveal, keyboard decision", {
  skip: CHROMIUM_ABSENT,
  // Generous: the shared CI and development machines run many suites at once.
  timeout: 240_000,
}, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "vigil-console-e2e-"));
  createUser(dataDir, "cs@example.org", "child_safety_reviewer");
  createUser(dataDir, "lead@example.org", "lead");
  const server = await serve(["--data", dataDir], {}, 60_000, true);
  const browser = await launchChromium();
  try {
    const key = /Demo API key \(shown once\): (\S+)/.exec(server.output())?.[1];
    assert.ok(key, server.output());
    // Give the demo's matching group a stored photo: the banked pattern itself, uploaded.
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(await patternPng())], { type: "image/png" }), "rings.png");
    const uploaded = await fetch(`${server.url}/v1/media`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}` },
      body: form,
    });
    const media = (await uploaded.json()) as { media_id: string };
    const event = {
      id: "console-e2e-photo",
      type: "group.updated",
      occurred_at: new Date().toISOString(),
      platform: "demo",
      group: { id: "demo-2", photo: { media_id: media.media_id } },
    };
    assert.equal((await api(server.url, key, "POST", "/v1/events", { events: [event] })).status, 202);
    await waitUntilDecided(server.url, key, "demo", "console-e2e-photo");

    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}/console/`);
    await page.fill("input[name=email]", "cs@example.org");
    await page.fill("input[name=password]", PASSWORD);
    await page.click("button[type=submit]");
    const row = page.locator("tr[data-queue=ncmec]");
    await row.waitFor();
    const cells = await row.locator("td").allTextContents();
    assert.deepEqual(cells.slice(0, 3), ["ncmec", "1", "0"], "one case waiting, none in review");
    assert.match(cells[3], /^\d+ s$/, "the oldest wait, in seconds");

    await row.getByRole("button", { name: "Start reviewing" }).click();
    const blurred = page.locator("section.subject img.blurred");
    await blurred.waitFor();
    const shown = await loadedImage(blurred);
    assert.match(shown.filter, /grayscale\(1\)/);
    assert.match(shown.filter, /blur\(/);
    assert.ok(shown.naturalWidth <= 32, "only the server's tiny preview reaches the page before a reveal");
    assert.match(String(shown.src), /\/preview\?case_id=\d+$/);
    assert.equal(await page.locator("img.revealed").count(), 0);
    await page.keyboard.press("?");
    await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
    await page.keyboard.press("Escape");

    await mkdir(join(repoRoot, "test-output"), { recursive: true });
    const shot = join(repoRoot, "test-output", "console.png");
    await page.screenshot({ path: shot, fullPage: true });
    if (process.env.VIGIL_UPDATE_SCREENSHOTS === "1")
      await copyFile(shot, join(repoRoot, "docs", "console.png"));

    const caseId = Number(/#\/case\/(\d+)/.exec(page.url())?.[1]);
    await page.keyboard.press("v");
    const revealed = await loadedImage(page.locator("img.revealed"));
    assert.equal(revealed.naturalWidth, 256, "the revealed image is the original");
    await page.getByText("Revealed this shift: 1 of 40").waitFor();
    const lead = await signIn(server.url, "lead@example.org", PASSWORD);
    const audit = await lead.call("GET", `/v1/console/audit?action=media.reveal&target_id=${media.media_id}`);
    const entries = audit.json.entries as { actor: string; detail: { case_id: number } }[];
    assert.equal(entries.length, 1, "one reveal, one audit entry");
    assert.deepEqual([entries[0].actor, entries[0].detail.case_id], ["user:cs@example.org", caseId]);

    await page.keyboard.press("1"); // disable_group
    // No policy is chosen for the reviewer (issue 16): the decision names one.
    await page.getByLabel("Policy").selectOption("CSE-1");
    await page.keyboard.press("/");
    await page.keyboard.type("group photo matches a confirmed banked image");
    await page.keyboard.press("Enter");
    // The page stays to show what was queued; `n` opens the next case.
    await page.locator("section.outcome").getByText("Nothing new was queued.").waitFor();
    await page.keyboard.press("n");
    await page.getByText("ncmec: This queue is empty.").waitFor();
    const decided = await api(server.url, key, "GET", `/v1/cases/${caseId}`);
    assert.equal((decided.json.case as { status: string }).status, "closed");
    // The rule already disabled the group automatically: the reviewer's disable_group is not queued
    // again, and the decision records it as skipped (issue 16).
    const log = decided.json.events as {
      kind: string;
      actor: string;
      detail: { action?: string; skipped?: { action: string }[] };
    }[];
    assert.equal(
      log.find((e) => e.kind === "act" && e.actor === "user:cs@example.org"),
      undefined,
    );
    const decision = log.find((e) => e.kind === "decide" && e.actor === "user:cs@example.org");
    assert.deepEqual(
      decision?.detail.skipped?.map((s) => s.action),
      ["disable_group"],
    );

    // A lead sees the reveal in the audit page (a fresh context: its own cookies).
    const leadPage = await (await browser.newContext()).newPage();
    await leadPage.goto(`${server.url}/console/#/audit`);
    await leadPage.fill("input[name=email]", "lead@example.org");
    await leadPage.fill("input[name=password]", PASSWORD);
    await leadPage.click("button[type=submit]");
    await leadPage.getByRole("heading", { name: "Audit log" }).waitFor();
    await leadPage.getByRole("cell", { name: "media.reveal" }).waitFor();
  } finally {
    await browser.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

/**
 * The console's second part in the browser: an analyst files a hotline report
 * with a screenshot through the form; it reaches a review queue through the
 * pipeline; a child-safety reviewer escalates it to a lead with `e` (listed in
 * the `?` overlay); the lead sees SLA states and the dashboard's charts.
 * Writes test-output/console-dashboard.png (docs/ with VIGIL_UPDATE_SCREENSHOTS=1).
 */
test("hotline form files a report, escalate shortcut, SLA on queues, dashboard charts", {
  skip: CHROMIUM_ABSENT,
  timeout: 240_000,
}, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "vigil-console2-e2e-"));
  createUser(dataDir, "analyst@example.org", "analyst");
  createUser(dataDir, "cs@example.org", "child_safety_reviewer");
  createUser(dataDir, "lead@example.org", "lead");
  const server = await serve(["--data", dataDir], {}, 90_000, true);
  const browser = await launchChromium();
  const signInPage = (email: string, hash = "") => signInInBrowser(browser, server.url, email, { hash });
  try {
    const analyst = await signInPage("analyst@example.org", "#/hotline");
    await analyst.getByRole("heading", { name: "Hotline report" }).waitFor();
    await analyst
      .getByLabel(/What the caller said/)
      .fill(
        "The group is shared as https://chat.example.org/invite/e2e and its admin is on +44 20 7946 0001.",
      );
    await analyst.getByLabel("What is it about").selectOption("child_safety");
    // Lexicon terms in a test string (as the text signal's own README uses).
    await analyst.getByLabel("Your notes").fill("The group name was ch1ld p0rn links.");
    await analyst.setInputFiles("input[name=screenshots]", {
      name: "screenshot.png",
      mimeType: "image/png",
      buffer: await patternPng(),
    });
    await analyst.getByRole("button", { name: "File report" }).click();
    await analyst
      .getByRole("status")
      .getByText(/Read this reference back to the caller: HL-/)
      .waitFor();
    // The report reaches the child-safety queue through the pipeline; the page links its case.
    const caseLink = analyst.getByRole("link", { name: /^Case \d+ in child-safety$/ });
    await caseLink.waitFor({ timeout: 60_000 });
    const caseId = Number(/Case (\d+)/.exec((await caseLink.textContent()) ?? "")?.[1]);
    assert.ok(caseId > 0, "the hotline report reached the child-safety queue through the pipeline");
    const lead = await signIn(server.url, "lead@example.org", PASSWORD);

    const cs = await signInPage("cs@example.org", `#/case/${caseId}`);
    await cs.getByRole("heading", { name: `Case ${caseId}` }).waitFor();
    await cs.keyboard.press("?");
    const overlay = cs.getByRole("dialog", { name: "Keyboard shortcuts" });
    await overlay.getByText("Escalate to a lead (Reason)").waitFor();
    await cs.keyboard.press("Escape");
    await cs.keyboard.press("/");
    await cs.keyboard.type("organised: needs a lead");
    await cs.keyboard.press("Escape");
    await cs.keyboard.press("e");
    // Escalation asks first, naming the subject; Enter confirms.
    await cs
      .getByRole("alertdialog")
      .getByText(/Escalate the case about/)
      .waitFor();
    await cs.keyboard.press("Enter");
    let queue = "";
    for (let i = 0; i < 100 && queue !== "lead"; i++) {
      queue = ((await lead.call("GET", `/v1/console/cases/${caseId}`)).json.case as { queue: string }).queue;
      if (queue !== "lead") await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(queue, "lead", "escalated with the e shortcut");

    const leadPage = await signInPage("lead@example.org");
    const row = leadPage.locator("tr[data-queue=lead]");
    await row.waitFor();
    assert.equal(await row.locator("td[data-sla]").getAttribute("data-sla"), "ok");
    await leadPage.goto(`${server.url}/console/#/dashboard`);
    await leadPage.getByRole("heading", { name: "Dashboard" }).waitFor();
    await leadPage.locator("svg[role=img]").first().waitFor();
    assert.ok((await leadPage.locator("svg[role=img]").count()) >= 4, "charts drawn");
    const perSource = leadPage.locator("figure[data-chart='Reports by source']");
    await perSource.locator("summary").click();
    await perSource.getByRole("rowheader", { name: "hotline" }).waitFor();
    const shot = join(repoRoot, "test-output", "console-dashboard.png");
    await mkdir(join(repoRoot, "test-output"), { recursive: true });
    await leadPage.screenshot({ path: shot, fullPage: true });
    if (process.env.VIGIL_UPDATE_SCREENSHOTS === "1")
      await copyFile(shot, join(repoRoot, "docs", "console-dashboard.png"));
    // Nothing on the dashboard or hotline pages is an image of media.
    assert.equal(await leadPage.locator("img:not(.blurred)").count(), 0);
    assert.equal(await analyst.locator("img:not(.blurred)").count(), 0);
  } finally {
    await browser.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
