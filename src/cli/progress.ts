/**
 * A progress bar on stderr for long jobs, so stdout stays clean for results.
 * Shown on a terminal when a job has more than a handful of items, or always
 * with --progress (then also on a pipe, as periodic lines).
 */
import { SingleBar } from "cli-progress";

export interface Progress {
  increment(failed?: boolean): void;
  stop(): void;
}

export type ProgressPreference = "auto" | "always" | "never";

const HANDFUL = 10;

const silent: Progress = { increment() {}, stop() {} };

export function startProgress(label: string, total: number, preference: ProgressPreference): Progress {
  const tty = Boolean(process.stderr.isTTY);
  const wanted = preference === "always" || (preference === "auto" && tty && total > HANDFUL);
  if (!wanted) return silent;
  let failures = 0;
  const bar = new SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {value}/{total} {percentage}% | {rate}/s | eta {eta_formatted} | failed {failures}`,
    noTTYOutput: !tty,
    notTTYSchedule: 2000,
    hideCursor: tty,
    etaBuffer: 50,
  });
  const started = Date.now();
  let done = 0;
  bar.start(total, 0, { failures, rate: "0.0" });
  return {
    increment(failed = false) {
      if (failed) failures++;
      done++;
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(done, { failures, rate: (done / seconds).toFixed(1) });
    },
    stop() {
      bar.stop();
    },
  };
}
