/**
 * Debian's chromium for browser tests, driven by playwright-core (which
 * downloads no browser of its own). Tests skip, saying so, where it is absent;
 * .ci/run installs it.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium, type Locator } from "playwright-core";

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

/** What a test reads from an <img> on the page. */
export interface ImageState {
  filter: string;
  naturalWidth: number;
  src: string | null;
}

/**
 * Reads an image's computed filter and decoded width, waiting until it has
 * loaded. Page-side code is a function run through the DevTools protocol
 * (the console's CSP rightly refuses string eval); this project's TypeScript
 * has no DOM types outside web/, hence the narrow casts.
 */
export async function loadedImage(locator: Locator, timeoutMs = 10_000): Promise<ImageState> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const state = await locator.evaluate((node: unknown): ImageState => {
      const img = node as { naturalWidth: number; getAttribute(name: string): string | null };
      const view = globalThis as unknown as { getComputedStyle(el: unknown): { filter: string } };
      return {
        filter: view.getComputedStyle(node).filter,
        naturalWidth: img.naturalWidth,
        src: img.getAttribute("src"),
      };
    });
    if (state.naturalWidth > 0 || Date.now() > until) return state;
    await new Promise((r) => setTimeout(r, 50));
  }
}
