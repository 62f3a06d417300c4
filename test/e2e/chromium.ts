/**
 * Debian's chromium for browser tests, driven by playwright-core (which
 * downloads no browser of its own). Tests skip, saying so, where it is absent;
 * .ci/run installs it.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM = process.env.VIGIL_CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ABSENT: string | false = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is not installed (apt-get install chromium); browser test skipped`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}
