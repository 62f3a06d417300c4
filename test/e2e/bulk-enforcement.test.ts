/**
 * Issue 10 in the console, in a real browser against `vigil serve`: a lead makes a batch above
 * the two-person limit from pasted targets and sees its preview; Execute is refused
 * (said in words: someone other than the requester must confirm), a second lead confirms and it is still refused
 * (a second person must confirm), an admin confirms, and then it runs: the progress bar reaches
 * every target and the receiver gets each webhook once. Thresholds are lowered by configuration
 * so the batch stays small. Writes test-output/bulk-enforcement.png.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { repoRoot } from "../support/paths.js";
import { serve } from "../support/vigil-process.js";
import { startWebhookReceiver } from "../support/webhook-receiver.js";
import { CHROMIUM_ABSENT, launchChromium } from "./chromium.js";
import { createUser, signInInBrowser } from "./console-users.js";

const SECRET = "bulk-console-secret";

async function signedIn(browser: Browser, url: string, email: string, hash: string): Promise<Page> {
  const page = await signInInBrowser(browser, url, email, { hash, timeoutMs: 20_000 });
  await page.getByRole("heading", { name: "Bulk enforcement" }).waitFor();
  return page;
}

test("a batch above the limit is refused in the console until a second person confirms", {
  skip: CHROMIUM_ABSENT,
  timeout: 180_000,
}, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "vigil-bulk-e2e-"));
  createUser(dataDir, "requester@example.org", "lead");
  createUser(dataDir, "lead@example.org", "lead");
  createUser(dataDir, "admin@example.org", "admin");
  const receiver = await startWebhookReceiver({ secret: SECRET });
  const server = await serve(["--data", dataDir, "--webhook-url", receiver.url], {
    VIGIL_WEBHOOK_SECRET: SECRET,
    VIGIL_BULK_CONFIRM_ABOVE: "2",
    VIGIL_BULK_TWO_PERSON_ABOVE: "4",
    VIGIL_BULK_POLL_MS: "200",
  });
  const browser = await launchChromium();
  try {
    const page = await signedIn(browser, server.url, "requester@example.org", "#/bulk-enforcement");
    await page.fill("input[placeholder=Platform]", "whatsapp");
    await page.fill("input[placeholder^=Reason]", "ring around a confirmed group");
    const targets = [0, 1, 2, 3, 4].map(
      (i) =>
        `account,ring-${i},ban_account,${i === 0 ? "admin_of_confirmed_group" : "member_of_flagged_groups"}`,
    );
    await page.fill("textarea", targets.join("\n"));
    await page.getByRole("button", { name: "Create and preview" }).click();
    await page.getByText("Needs two confirmations by leads or admins other than the requester.").waitFor();
    await page.getByRole("cell", { name: "member_of_flagged_groups" }).waitFor();
    const batchUrl = page.url();
    const hash = new URL(batchUrl).hash;
    assert.match(hash, /^#\/bulk-enforcement\/\d+$/);

    await page.getByRole("button", { name: "Execute" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: "someone other than the requester must confirm it" })
      .waitFor();
    assert.equal(
      await page.getByRole("button", { name: "Confirm" }).count(),
      0,
      "the requester is offered no Confirm",
    );

    const lead = await signedIn(browser, server.url, "lead@example.org", hash);
    await lead.getByRole("button", { name: "Confirm" }).click();
    await lead.getByText("Confirmed by user:lead@example.org (lead)", { exact: false }).waitFor();
    await lead.getByText("Cannot run yet: a second person must confirm.").waitFor();
    await page.reload();
    await page.getByRole("button", { name: "Execute" }).click();
    await page.getByRole("alert").filter({ hasText: "a second person must confirm it" }).waitFor();
    assert.equal(receiver.requests.length, 0, "nothing sent before the second confirmation");

    const admin = await signedIn(browser, server.url, "admin@example.org", hash);
    await admin.getByRole("button", { name: "Confirm" }).click();
    await admin.locator("section.bulk-batch[data-status=confirmed]").waitFor();

    await page.reload();
    await page.getByRole("button", { name: "Execute" }).click();
    await page.locator("section.bulk-batch[data-status=done]").waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId("Delivered-count").textContent(), "5 / 5");
    await mkdir(join(repoRoot, "test-output"), { recursive: true });
    await page.screenshot({ path: join(repoRoot, "test-output", "bulk-enforcement.png"), fullPage: true });
    const bans = receiver.acknowledged().map((r) => r.payload?.subject.id);
    assert.deepEqual([...new Set(bans)].sort(), ["ring-0", "ring-1", "ring-2", "ring-3", "ring-4"]);
    assert.equal(bans.length, 5, "each webhook once");
  } finally {
    await browser.close();
    await server.stop();
    await receiver.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
