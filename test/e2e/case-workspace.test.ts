/**
 * Issue 16's case workspace in a real browser against a real `vigil serve` whose webhooks go
 * to a test receiver: an account whose profile photo is a confirmed banked pattern is banned
 * automatically; its case page shows that ban and its delivery; the child-safety reviewer's
 * panel says ban_account would change nothing, and deciding "ban" again queues nothing new
 * (the page says so, and the platform receives one ban, not two). The reviewer also adds a
 * note and sees it. Images are generated benign patterns, given as hashes.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { renderPattern } from "../../src/demo/patterns.js";
import { hash256ToHex } from "../../src/hashing/pdq/hash256.js";
import { pdqFromPixels } from "../../src/hashing/pdq/pdq.js";
import { signIn } from "../console/console-client.js";
import { api, serve, waitUntilDecided } from "../support/vigil-process.js";
import { CHROMIUM_ABSENT, launchChromium } from "./chromium.js";
import { createUser, PASSWORD, signInInBrowser } from "./console-users.js";
import { saveScreenshot } from "./screenshots.js";
import { startWebhookReceiver } from "./webhook-receiver.js";

const ACCOUNT = "acct-already-banned";

test("an account banned automatically shows its ban and delivery; deciding ban again queues nothing", {
  skip: CHROMIUM_ABSENT,
  timeout: 240_000,
}, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "vigil-workspace-e2e-"));
  createUser(dataDir, "cs@example.org", "child_safety_reviewer");
  const receiver = await startWebhookReceiver();
  const server = await serve(
    ["--data", dataDir, "--webhook-url", receiver.url],
    { VIGIL_WEBHOOK_SECRET: "workspace-e2e-secret" },
    90_000,
    true,
  );
  const browser = await launchChromium();
  try {
    const key = /Demo API key \(shown once\): (\S+)/.exec(server.output())?.[1];
    assert.ok(key, server.output());
    // The demo bank holds the "plaid" pattern (seed 7) with confirmed provenance: the default rule bans.
    const image = renderPattern("plaid", 256, 256, 7);
    const { hash, quality } = pdqFromPixels(image);
    const event = {
      id: "workspace-e2e-account",
      type: "account.updated",
      occurred_at: new Date().toISOString(),
      platform: "demo",
      account: { id: ACCOUNT, name: "Pattern poster", photo: { pdq: hash256ToHex(hash), quality } },
    };
    assert.equal((await api(server.url, key, "POST", "/v1/events", { events: [event] })).status, 202);
    await waitUntilDecided(server.url, key, "demo", event.id, 60_000);
    await receiver.waitFor((a) => a.action === "ban_account" && a.subject.id === ACCOUNT);

    const cs = await signIn(server.url, "cs@example.org", PASSWORD);
    const listed = await cs.call("GET", "/v1/console/queues/ncmec/cases?limit=50");
    const caseId = ((listed.json.cases ?? []) as { id: number; subject: { id: string } }[]).find(
      (c) => c.subject.id === ACCOUNT,
    )?.id;
    assert.ok(caseId, `the account's case: ${JSON.stringify(listed.json)}`);

    const page = await signInInBrowser(browser, server.url, "cs@example.org", { hash: `#/case/${caseId}` });
    await page.getByRole("heading", { name: `Case ${caseId}` }).waitFor();
    const enforcement = page.locator("section.enforcement");
    // The automatic ban, delivered (the page refreshes while anything is undelivered).
    await enforcement.locator("[data-enforcement=banned]").waitFor();
    await enforcement
      .locator("tr[data-action=ban_account][data-delivery=delivered]")
      .waitFor({ timeout: 60_000 });
    assert.match(
      (await enforcement.locator("p[data-enforcement]").textContent()) ?? "",
      /^Banned \(delivered to the platform\)/,
    );
    assert.match((await enforcement.locator("tr[data-action=ban_account]").textContent()) ?? "", /automatic/);

    // The panel says a second ban changes nothing.
    const option = page.locator("section.decision label[data-already=true]", { hasText: "ban_account" });
    await option.waitFor();

    // A note, kept and shown.
    await page.getByLabel(/New note/).fill("Same photo as the ring's admins; already banned by the rule.");
    await page.getByRole("button", { name: "Add note" }).click();
    await page.locator("section.notes li", { hasText: "Same photo as the ring's admins" }).waitFor();

    // Decide "ban" anyway: nothing new is queued, and the page says why.
    await option.getByRole("checkbox").check();
    await page.getByLabel("Policy").selectOption("CSE-1");
    await page.getByLabel("Reason").fill("profile photo matches a confirmed banked image");
    await page.getByRole("button", { name: /^Decide: ban_account/ }).click();
    const outcome = page.locator("section.outcome");
    await outcome.waitFor();
    await outcome.getByText("Nothing new was queued.").waitFor();
    assert.ok((await outcome.locator("li").count()) >= 1, "the skipped action is named");

    await saveScreenshot(page, "case-workspace-already-banned.png");

    const actions = await api(server.url, key, "GET", "/v1/actions?limit=500");
    const bans = ((actions.json.actions ?? []) as { action: string; subject: { id: string } }[]).filter(
      (a) => a.action === "ban_account" && a.subject.id === ACCOUNT,
    );
    assert.equal(bans.length, 1, `one ban queued in all: ${JSON.stringify(bans)}`);
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal(
      receiver.received.filter((a) => a.action === "ban_account" && a.subject.id === ACCOUNT).length,
      1,
      "the platform received one ban",
    );
  } finally {
    await browser.close();
    await server.stop();
    await receiver.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
