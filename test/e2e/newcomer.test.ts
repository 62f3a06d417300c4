/**
 * A newcomer's path in a real browser (issue 16 point 10): `vigil serve` with demo data, as
 * `npm start` runs it on a fresh folder, prints a console address and a demo lead's sign-in;
 * the newcomer opens that address, signs in with exactly what was printed, sees the queues,
 * browses the cases and opens the demo case.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { serve } from "../support/vigil-process.js";
import { CHROMIUM_ABSENT, launchChromium } from "./chromium.js";

test("npm start's printed sign-in opens the console in a browser, and the demo case is there", {
  skip: CHROMIUM_ABSENT,
  timeout: 180_000,
}, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "vigil-newcomer-e2e-"));
  const server = await serve(["--data", dataDir], { DATABASE_URL: "" }, 90_000, true);
  const browser = await launchChromium();
  try {
    const printed = /Console: (\S+) — sign in as (\S+) with password (\S+) /.exec(server.output());
    assert.ok(printed, server.output());
    const [, consoleUrl, email, password] = printed;
    const page = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(consoleUrl);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Queues" }).waitFor();
    await page.locator("tr[data-queue=ncmec]").waitFor();

    await page.getByRole("link", { name: "Browse" }).click();
    const row = page.locator("table.cases tr", { hasText: "Pattern swap" });
    await row.waitFor();
    // Keyboard: the first row is selected; Enter opens it.
    await page.getByRole("heading", { name: "Cases" }).click();
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: /^Case \d+ — ncmec/ }).waitFor();
    await page.getByText("Subject: group").waitFor();
    assert.match((await page.locator("section.subject").textContent()) ?? "", /demo-2/);
  } finally {
    await browser.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
