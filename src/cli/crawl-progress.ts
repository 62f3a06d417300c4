/**
 * Progress of a crawl on stderr: pages done of pages known (the total grows as
 * pages are discovered), invites found, refusals. stdout stays for results.
 */
import { SingleBar } from "cli-progress";
import type { ProgressPreference } from "./progress.js";

export interface CrawlProgress {
  page(refused: boolean, known: number): void;
  invite(): void;
  stop(): void;
}

const silent: CrawlProgress = { page() {}, invite() {}, stop() {} };

export function startCrawlProgress(label: string, preference: ProgressPreference): CrawlProgress {
  const tty = Boolean(process.stderr.isTTY);
  if (preference === "never" || (preference === "auto" && !tty)) return silent;
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {value}/{total} pages | {rate} pages/s | {invites} invites | {refused} refused`,
    noTTYOutput: !tty,
    notTTYSchedule: 2000,
    hideCursor: tty,
  });
  const started = Date.now();
  let done = 0;
  let invites = 0;
  let refused = 0;
  const payload = () => ({
    invites,
    refused,
    rate: (done / Math.max((Date.now() - started) / 1000, 0.001)).toFixed(1),
  });
  bar.start(1, 0, payload());
  return {
    page(wasRefused, known) {
      done++;
      if (wasRefused) refused++;
      bar.setTotal(Math.max(known, done));
      bar.update(done, payload());
    },
    invite() {
      invites++;
      bar.update(done, payload());
    },
    stop() {
      bar.stop();
    },
  };
}
