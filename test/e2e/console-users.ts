/**
 * Console users for the browser tests, made the way an operator makes them
 * (`vigil users create --password-stdin` on the data folder before serving).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { VIGIL_BIN } from "../support/vigil-process.js";

export const PASSWORD = "correct horse battery staple";

export function createUser(dataDir: string, email: string, role: string): void {
  const result = spawnSync(
    process.execPath,
    [VIGIL_BIN, "users", "create", "--data", dataDir, "--email", email, "--role", role, "--password-stdin"],
    { input: `${PASSWORD}\n`, encoding: "utf8" },
  );
  assert.equal(result.status, 0, result.stderr);
}

/**
 * Signs in on the console's page in a fresh browser context (its own cookies), starting at
 * `hash`, and returns the page once the form is sent; callers wait for what they expect next.
 */
export async function signInInBrowser(
  browser: Browser,
  base: string,
  email: string,
  { hash = "", viewport = { width: 1280, height: 900 }, timeoutMs = 30_000, bypassCSP = false } = {},
): Promise<Page> {
  // bypassCSP: only for tests that add axe-core's script to the page (test/e2e/axe.ts).
  const page = await (await browser.newContext({ viewport, bypassCSP })).newPage();
  page.setDefaultTimeout(timeoutMs);
  await page.goto(`${base}/console/${hash}`);
  await page.fill("input[name=email]", email);
  await page.fill("input[name=password]", PASSWORD);
  await page.click("button[type=submit]");
  return page;
}
