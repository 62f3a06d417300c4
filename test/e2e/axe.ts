/**
 * axe-core in the page (issue 16 point 7): the `axe-core` package's script is added to the
 * page (the test's browser context bypasses the console's CSP for it; the console itself never
 * loads it), run over the whole document, and the serious and critical violations returned
 * with the elements they name. Also the layout check: does the page scroll sideways?
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
let axeSource: Promise<string> | null = null;

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  axeSource ??= readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  if (!(await page.evaluate(() => "axe" in globalThis)))
    await page.addScriptTag({ content: await axeSource });
  const found = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<unknown> } }
    ).axe;
    const result = (await axe.run(globalThis as unknown as { document: unknown }["document"], {
      resultTypes: ["violations"],
    })) as {
      violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? "",
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    }));
  });
  return found.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** The document's scroll width over its client width: more than 0 means the page scrolls sideways. */
export async function sidewaysOverflow(page: Page): Promise<{ overflow: number; widest: string[] }> {
  return page.evaluate(() => {
    const doc = (
      globalThis as unknown as {
        document: {
          documentElement: { scrollWidth: number; clientWidth: number };
          querySelectorAll(s: string): ArrayLike<{
            getBoundingClientRect(): { right: number };
            tagName: string;
            getAttribute(n: string): string | null;
          }>;
        };
      }
    ).document;
    const width = doc.documentElement.clientWidth;
    const widest = Array.from(doc.querySelectorAll("body *"))
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute("class") ?? ""}`);
    return { overflow: doc.documentElement.scrollWidth - width, widest };
  });
}
