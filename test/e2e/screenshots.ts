/**
 * Screenshots the browser tests take: always into test-output/ (for whoever reviews a change),
 * and with VIGIL_UPDATE_SCREENSHOTS=1 also into docs/ (the README's pictures), so ordinary
 * runs leave the checkout clean. The page's viewport is shot, not the full page, to keep the
 * PNGs modest in size.
 */
import { copyFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { repoRoot } from "../support/paths.js";

export async function saveScreenshot(page: Page, name: string, { fullPage = false } = {}): Promise<string> {
  await mkdir(join(repoRoot, "test-output"), { recursive: true });
  const shot = join(repoRoot, "test-output", name);
  await page.screenshot({ path: shot, fullPage });
  if (process.env.VIGIL_UPDATE_SCREENSHOTS === "1") await copyFile(shot, join(repoRoot, "docs", name));
  return shot;
}
