/**
 * Issue 16 point 7 in a real browser against a real `vigil serve` with the demo data: every
 * page of the console, signed out and signed in as an admin (who is offered every page), at
 * 1024x768: axe-core finds no serious or critical violation, and no page scrolls sideways
 * (document.documentElement.scrollWidth <= clientWidth). Pages are found from the menu, so a
 * new page is walked without this test changing; the case page, a drawn expansion, search
 * results and a queue's case list are added by address. Then failures in words: no answer
 * offers Try again, an empty search says so, a missing case is a sentence, not a code.
 */
import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { Page } from "playwright-core";
import { signIn } from "../console/console-client.js";
import { repoRoot } from "../support/paths.js";
import { api, serve, waitUntilDecided } from "../support/vigil-process.js";
import { type AxeFinding, seriousViolations, sidewaysOverflow } from "./axe.js";
import { CHROMIUM_ABSENT, launchChromium } from "./chromium.js";
import { createUser, PASSWORD, signInInBrowser } from "./console-users.js";

const VIEWPORT = { width: 1024, height: 768 };

async function settle(page: Page, hash: string): Promise<void> {
  await page.locator("main").first().waitFor();
  await page.waitForLoadState("networkidle");
  // Hash routes change in place: wait until the page has drawn what it fetched.
  await page.waitForFunction(
    () =>
      !(
        globalThis as unknown as { document: { body: { textContent: string } } }
      ).document.body.textContent.includes("Loading…"),
  );
  if (hash.startsWith("#/case/")) await page.getByRole("heading", { name: /^Case \d+/ }).waitFor();
  if (hash.startsWith("#/expansion/")) await page.locator("figure.network-graph svg a").first().waitFor();
}

test("every console page passes axe-core (no serious or critical violation) and fits 1024 px", {
  skip: CHROMIUM_ABSENT,
  timeout: 300_000,
}, async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "vigil-a11y-"));
  createUser(dataDir, "admin@example.org", "admin");
  const server = await serve(["--data", dataDir], {}, 90_000, true);
  const browser = await launchChromium();
  try {
    const key = /Demo API key \(shown once\): (\S+)/.exec(server.output())?.[1];
    assert.ok(key, server.output());
    await waitUntilDecided(server.url, key, "demo", "demo-event-demo-2", 60_000);
    const admin = await signIn(server.url, "admin@example.org", PASSWORD);
    const ncmec = await admin.call("GET", "/v1/console/queues/ncmec/cases?limit=10");
    const caseId = ((ncmec.json.cases ?? []) as { id: number }[])[0]?.id;
    assert.ok(caseId, `the demo's case: ${JSON.stringify(ncmec.json)}`);
    const expansion = await admin.call("POST", "/v1/console/expansions", {
      seed: { type: "group", id: "demo-2", platform: "demo" },
      limit: 50,
    });
    const expansionId = (expansion.json.expansion as { id?: string } | undefined)?.id;
    assert.ok(expansionId, JSON.stringify(expansion.json));
    const decided = await api(server.url, key, "GET", "/v1/events/demo/demo-event-demo-2");
    assert.equal(decided.json.status, "decided");

    const findings: string[] = [];
    // Each page as it looked, for people reviewing a change (not compared by the test).
    const shots = join(repoRoot, "test-output", "a11y");
    await mkdir(shots, { recursive: true });
    const check = async (page: Page, where: string) => {
      const violations: AxeFinding[] = await seriousViolations(page);
      for (const v of violations)
        findings.push(`${where}: ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(" | ")}`);
      const { overflow, widest } = await sidewaysOverflow(page);
      if (overflow > 0) findings.push(`${where}: scrolls sideways by ${overflow} px (${widest.join(", ")})`);
    };

    // Signed out: the sign-in form.
    const signedOut = await (await browser.newContext({ viewport: VIEWPORT, bypassCSP: true })).newPage();
    await signedOut.goto(`${server.url}/console/`);
    await signedOut.locator("input[name=email]").waitFor();
    await check(signedOut, "sign-in");

    const page = await signInInBrowser(browser, server.url, "admin@example.org", {
      viewport: VIEWPORT,
      bypassCSP: true,
    });
    await page.locator("nav").waitFor();
    const hrefs = await page
      .locator("nav a[href^='#/']")
      .evaluateAll((links: unknown[]) =>
        links.map((a) => (a as { getAttribute(n: string): string | null }).getAttribute("href") ?? ""),
      );
    assert.ok(hrefs.length >= 8, `the admin's menu: ${hrefs.join(" ")}`);
    const pages = [
      ...new Set([
        "#/",
        ...hrefs,
        `#/case/${caseId}`,
        `#/expansion/${expansionId}`,
        "#/search?q=demo-2",
        "#/cases?queue=ncmec",
      ]),
    ];
    for (const hash of pages) {
      await page.goto(`${server.url}/console/${hash}`);
      await settle(page, hash);
      await check(page, hash);
      const name = hash.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "queues";
      await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    }
    // The keyboard overlay and an open chart table are part of the pages too.
    await page.goto(`${server.url}/console/#/`);
    await settle(page, "#/");
    await page.keyboard.press("?");
    await page.getByRole("dialog").waitFor();
    await check(page, "#/ with the shortcuts overlay");
    assert.deepEqual(findings, [], findings.join("\n"));

    // Words for people (issue 16 point 6): no answer at all is said so, with Try again that works.
    await page.route("**/v1/console/queues", (route) => route.abort("connectionrefused"));
    await page.goto(`${server.url}/console/#/`);
    const alert = page.getByRole("alert");
    await alert.getByText(/Vigil could not be reached/).waitFor();
    assert.doesNotMatch((await alert.textContent()) ?? "", /TypeError|Failed to fetch/);
    await page.unroute("**/v1/console/queues");
    await alert.getByRole("button", { name: "Try again" }).first().dispatchEvent("click");
    await page.locator("tr[data-queue=ncmec]").waitFor();
    // Every list has an empty state: a search that finds nothing says so, and what to try.
    await page.goto(`${server.url}/console/#/search?q=${encodeURIComponent("no such thing zzqx")}`);
    await page.getByText(/Nothing found for “no such thing zzqx”/).waitFor();
    // A refusal is a sentence, not a code: a case that does not exist.
    await page.goto(`${server.url}/console/#/case/999999`);
    await page
      .getByRole("alert")
      .getByText(/not here any more, or it never was/)
      .waitFor();
  } finally {
    await browser.close();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
