/**
 * Follows a batch's delivery with a cli-progress bar on stderr (stdout stays for results):
 * polls the batch without its preview, shows enqueued / delivered / failing, and resolves when
 * the batch leaves the phase (done or partially_failed; reversed).
 */
import { SingleBar } from "cli-progress";
import type { BulkBatchView } from "../api/bulk-views.js";
import type { BulkClient } from "./bulk-client.js";

export type BulkPhase = "execution" | "reversal";

const SETTLED: Record<BulkPhase, readonly BulkBatchView["status"][]> = {
  execution: ["done", "partially_failed", "reversing", "reversed"],
  reversal: ["reversed"],
};

export async function followBatch(
  client: BulkClient,
  id: number,
  phase: BulkPhase,
  options: { show: boolean; pollMs?: number; timeoutMs?: number },
): Promise<BulkBatchView> {
  const tty = Boolean(process.stderr.isTTY);
  const bar = options.show
    ? new SingleBar({
        stream: process.stderr,
        format: `${phase === "execution" ? "delivering" : "reversing"} [{bar}] {value}/{total} {percentage}% | queued {queued} | failing {failing} | {rate}/s | eta {eta_formatted}`,
        noTTYOutput: !tty,
        notTTYSchedule: 5_000,
        hideCursor: tty,
        etaBuffer: 20,
      })
    : null;
  const started = Date.now();
  let view = await client.get(id, false);
  const total = () => (phase === "execution" ? view.target_count : view.progress.reversible);
  bar?.start(total(), 0, { queued: 0, failing: 0, rate: "0" });
  try {
    for (;;) {
      const p = view.progress[phase];
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar?.setTotal(total());
      bar?.update(p.delivered, {
        queued: p.enqueued,
        failing: p.failing,
        rate: (p.delivered / seconds).toFixed(0),
      });
      if (SETTLED[phase].includes(view.status)) return view;
      if (options.timeoutMs !== undefined && Date.now() - started > options.timeoutMs) {
        throw new Error(`batch ${id} still ${view.status} after ${options.timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1_000));
      view = await client.get(id, false);
    }
  } finally {
    bar?.stop();
  }
}
