/**
 * Issue 16's story in a real browser against a real `vigil serve` whose webhooks go to a test
 * receiver. An analyst files a hotline call about a group Vigil has never seen, written as a
 * caller gives it (an invite link in a sentence, two UK numbers in two forms) with a
 * screenshot: the page shows what Vigil understood, files it, gives a reference to read back
 * and the case it opened in the child-safety queue, and the form is empty again (the file
 * input too). A child-safety reviewer finds the case by typing one number another way (national,
 * with spaces) into the search box, opens it, adds a note, decides, and watches the action go
 * from pending (the platform is slow to answer) to delivered. Screenshots of the search
 * results and the workspace go to docs/ with VIGIL_UPDATE_SCREENSHOTS=1.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import sharp from "sharp";
import { serve } from "../support/vigil-process.js";
import { CHROMIUM_ABSENT, launchChromium } from "./chromium.js";
import { createUser, signInInBrowser } from "./console-users.js";
import { saveScreenshot } from "./screenshots.js";
import { startWebhookReceiver } from "./webhook-receiver.js";

const CODE = "Hq7RtY2uVw9Xz3KpLm4NbC";
const CALLER_SAID = `They were added to a group that trades pictures of kids, the link is chat.whatsapp.com/${CODE} and the two admins are on 07700 900 123 and +44 (0)7700 900456.`;

test("hotline call to case to search to decision: reference, empty form, found by number, delivered", {
  skip: CHROMIUM_ABSENT,
  timeout: 300_000,
}, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "vigil-hotline-e2e-"));
  createUser(dataDir, "analyst@example.org", "analyst");
  createUser(dataDir, "cs@example.org", "child_safety_reviewer");
  const receiver = await startWebhookReceiver();
  const server = await serve(
    ["--data", dataDir, "--webhook-url", receiver.url],
    { VIGIL_WEBHOOK_SECRET: "hotline-e2e-secret", VIGIL_DEFAULT_COUNTRY: "GB" },
    90_000,
    true,
  );
  const browser = await launchChromium();
  try {
    // The analyst takes the call.
    const analyst = await signInInBrowser(browser, server.url, "analyst@example.org", { hash: "#/hotline" });
    await analyst.getByRole("heading", { name: "Hotline report" }).waitFor();
    await analyst.getByLabel(/What the caller said/).fill(CALLER_SAID);
    await analyst.getByLabel("What is it about").selectOption("child_safety");
    await analyst.getByLabel("Your notes").fill("Caller is a parent; saw it on the child's phone.");
    await analyst.getByLabel(/Caller's contact/).fill("parent@example.net");
    const screenshot = await sharp({
      create: { width: 96, height: 64, channels: 3, background: { r: 30, g: 110, b: 190 } },
    })
      .png()
      .toBuffer();
    await analyst
      .getByLabel("Screenshots")
      .setInputFiles({ name: "chat.png", mimeType: "image/png", buffer: screenshot });
    await analyst.getByRole("button", { name: "Check what Vigil understood" }).click();
    const understood = analyst.locator("section.understood");
    await understood.getByText(CODE).first().waitFor();
    await understood.getByText("+447700900123").waitFor();
    await understood.getByText("+447700900456").waitFor();
    await understood.getByText(/child-safety queue/).waitFor();

    await analyst.getByRole("button", { name: "File report" }).click();
    const filed = analyst.locator("section.filed");
    const referenceLine =
      (await filed.getByText(/Read this reference back to the caller: HL-\d{4}-\d{6}/).textContent()) ?? "";
    const reference = /HL-\d{4}-\d{6}/.exec(referenceLine)?.[0];
    assert.ok(reference, referenceLine);
    // The case opens as the pipeline decides the report: in the child-safety queue.
    const caseLink = filed.getByRole("link", { name: /^Case \d+ in child-safety$/ });
    await caseLink.waitFor({ timeout: 60_000 });
    const caseId = Number(/Case (\d+)/.exec((await caseLink.textContent()) ?? "")?.[1]);
    assert.ok(caseId > 0);
    // The form is empty for the next call, the file input included.
    for (const label of [/What the caller said/, "Your notes", /Caller's name/, /Caller's contact/])
      assert.equal(await analyst.getByLabel(label).inputValue(), "", String(label));
    const files = await analyst
      .getByLabel("Screenshots")
      .evaluate((input: unknown) => (input as { files: { length: number } }).files.length);
    assert.equal(files, 0, "no screenshot carries over to the next call");

    // The reviewer finds it by a number written another way, in the search box on every page.
    receiver.hold();
    const cs = await signInInBrowser(browser, server.url, "cs@example.org");
    await cs.getByRole("searchbox", { name: "Search" }).fill("07700 900456");
    await cs.getByRole("button", { name: "Search", exact: true }).click();
    await cs.getByRole("heading", { name: "Search: 07700 900456" }).waitFor();
    const result = cs.locator("li.search-result").first();
    await result
      .getByText(/phone number \+447700900456/)
      .or(cs.getByText(/phone number \+447700900456/))
      .first()
      .waitFor();
    await result.getByRole("link", { name: new RegExp(`^Case ${caseId}: child-safety`) }).waitFor();
    await saveScreenshot(cs, "search-results.png");
    await result.getByRole("link", { name: new RegExp(`^Case ${caseId}: child-safety`) }).click();
    await cs.getByRole("heading", { name: new RegExp(`^Case ${caseId}`) }).waitFor();
    await cs.getByRole("link", { name: reference }).first().waitFor();

    await cs.getByLabel(/New note/).fill("Called back: the caller confirms the link still works.");
    await cs.getByRole("button", { name: "Add note" }).click();
    await cs.locator("section.notes li", { hasText: "the caller confirms the link" }).waitFor();

    await cs.getByRole("checkbox", { name: /revoke_invite_link/ }).check();
    await cs.getByLabel("Policy").selectOption("CSE-3");
    await cs.getByLabel("Reason").fill("invite link to a group trading abuse material, reported by a parent");
    await cs.getByRole("button", { name: /^Decide: revoke_invite_link/ }).click();
    await cs.locator("section.outcome").getByText("Queued: revoke_invite_link.").waitFor();
    const row = cs.locator("section.enforcement tr[data-action=revoke_invite_link]");
    await row.and(cs.locator("[data-delivery=pending], [data-delivery=failing]")).waitFor();
    receiver.release();
    await receiver.waitFor((a) => a.action === "revoke_invite_link" && a.subject.id === CODE);
    await cs
      .locator("section.enforcement tr[data-action=revoke_invite_link][data-delivery=delivered]")
      .waitFor({
        timeout: 60_000,
      });
    await cs.locator("section.enforcement [data-enforcement=revoked]").waitFor();
    await cs.evaluate(() =>
      (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
    );
    await saveScreenshot(cs, "case-workspace.png");
  } finally {
    receiver.release();
    await browser.close();
    await server.stop();
    await receiver.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
