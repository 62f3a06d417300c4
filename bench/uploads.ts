/**
 * Big image uploads against `vigil serve` (issue 17, finding 10): 20
 * concurrent uploads of 80-megapixel PNGs (benign colour gradients made with
 * sharp, a few MB each, so the memory is the decoder's, not the bodies') to
 * one server on the embedded database. Reports the server's peak resident
 * memory (VmHWM from /proc, the kernel's own high-water mark) and how every
 * upload was answered: stored (201) or a named refusal (503 DecoderBusy with
 * Retry-After); any 500 or unnamed answer fails the bench. With
 * VIGIL_BENCH_UPLOADS_UNBOUNDED=1 it runs once more with the decode budget
 * opened wide, for the ratio in the same run.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import { type ServeProcess, serve, VIGIL_BIN } from "../test/support/vigil-process.js";

const run = promisify(execFile);

export interface UploadsBenchOptions {
  uploads: number;
  /** Pixels of each PNG, e.g. 10000 x 8000 = 80 megapixels. */
  width: number;
  height: number;
  /** Also run with the decode budget opened wide (a ratio in one run). */
  unbounded: boolean;
  log: (line: string) => void;
}

/** A smooth four-corner colour gradient: benign, and small as a PNG however many pixels it declares. */
async function gradientPng(seed: number, width: number, height: number): Promise<Buffer> {
  const corners = Buffer.from(Array.from({ length: 12 }, (_, i) => (seed * 67 + i * 41) % 256));
  return sharp(corners, { raw: { width: 2, height: 2, channels: 3 } })
    .resize(width, height, { kernel: "linear" })
    .png({ compressionLevel: 6 })
    .toBuffer();
}

/** VmHWM: the peak resident memory so far; VmRSS: now. */
function residentBytes(pid: number, field: "VmHWM" | "VmRSS"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
  return kb ? Number(kb[1]) * 1024 : 0;
}

interface Answer {
  status: number;
  error?: string;
  retryAfter: string | null;
}

async function uploadOne(url: string, key: string, png: Buffer, name: string): Promise<Answer> {
  const form = new FormData();
  form.append("file", new Blob([png], { type: "image/png" }), name);
  const res = await fetch(`${url}/v1/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}` },
    body: form,
  });
  const json = (await res.json().catch(() => ({}))) as { error?: string };
  return { status: res.status, error: json.error, retryAfter: res.headers.get("retry-after") };
}

interface RunResult {
  peakBytes: number;
  baselineBytes: number;
  seconds: number;
  answers: Answer[];
}

async function oneRun(
  pngs: Buffer[],
  uploads: number,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<RunResult> {
  const dir = await mkdtemp(join(tmpdir(), "vigil-bench-uploads-"));
  const store = ["--data", join(dir, "data")];
  let server: ServeProcess | undefined;
  try {
    const cliEnv = { ...process.env, DATABASE_URL: "" };
    const key = (
      await run(
        process.execPath,
        [VIGIL_BIN, "keys", "create", ...store, "--name", "bench", "--scopes", "media:write"],
        {
          env: cliEnv,
        },
      )
    ).stdout.trim();
    server = await serve(store, { DATABASE_URL: "", VIGIL_CRAWL: "off", ...env }, 180_000);
    const pid = server.child.pid ?? 0;
    const baselineBytes = residentBytes(pid, "VmRSS");
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: uploads }, (_, i) =>
        uploadOne(server?.url ?? "", key, pngs[i % pngs.length], `gradient-${i}.png`),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const peakBytes = residentBytes(pid, "VmHWM");
    log(
      `${answers.length} answered in ${seconds.toFixed(1)} s; server peak RSS ${(peakBytes / 2 ** 20).toFixed(0)} MiB`,
    );
    return { peakBytes, baselineBytes, seconds, answers };
  } finally {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function tally(answers: Answer[]): { stored: number; busy: number; other: string[] } {
  let stored = 0;
  let busy = 0;
  const other: string[] = [];
  for (const a of answers) {
    if (a.status === 201) stored++;
    else if (a.status === 503 && a.error === "DecoderBusy" && Number(a.retryAfter) >= 1) busy++;
    else other.push(`${a.status} ${a.error ?? "(no error name)"}`);
  }
  return { stored, busy, other };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export async function runUploadsBench(
  options: UploadsBenchOptions,
): Promise<{ label: string; value: string }[]> {
  const { uploads, width, height, log } = options;
  const megapixels = (width * height) / 1e6;
  const generated = performance.now();
  const pngs = await Promise.all([1, 2, 3, 4].map((seed) => gradientPng(seed, width, height)));
  log(
    `${pngs.length} gradients of ${width}x${height} (${megapixels} MP), ${(pngs[0].length / 2 ** 20).toFixed(1)} MiB each, made in ${((performance.now() - generated) / 1000).toFixed(1)} s`,
  );

  const bounded = await oneRun(pngs, uploads, {}, log);
  const counts = tally(bounded.answers);
  // Every upload answered: stored or a named refusal. Anything else (a 500, an unnamed answer) is a failure.
  if (counts.other.length > 0) {
    throw new Error(`uploads answered outside "stored or named refusal": ${counts.other.join(", ")}`);
  }
  const rows = [
    {
      label: "Concurrent uploads of generated gradient PNGs",
      value: `${uploads} x ${megapixels} MP (${width}x${height})`,
    },
    {
      label: "Server peak RSS (VmHWM), default decode budget (100 MP, 2 decodes, 5 s wait)",
      value: mib(bounded.peakBytes),
    },
    { label: "Server RSS after start-up, before the uploads", value: mib(bounded.baselineBytes) },
    {
      label: "Answers: stored (201) / refused 503 DecoderBusy with Retry-After / other",
      value: `${counts.stored} / ${counts.busy} / 0`,
    },
    { label: "Time until every upload was answered", value: `${bounded.seconds.toFixed(1)} s` },
    { label: "Goal: peak RSS under 1 GB", value: bounded.peakBytes < 1e9 ? "met" : "NOT met" },
  ];
  if (options.unbounded) {
    const wide = await oneRun(
      pngs,
      uploads,
      { VIGIL_DECODE_MEGAPIXELS: String(uploads * megapixels), VIGIL_DECODE_CONCURRENCY: String(uploads) },
      log,
    );
    const wideCounts = tally(wide.answers);
    rows.push(
      {
        label: "Same run, budget opened wide (all decodes at once): server peak RSS",
        value: mib(wide.peakBytes),
      },
      {
        label: "Budget opened wide: stored / DecoderBusy / other",
        value: `${wideCounts.stored} / ${wideCounts.busy} / ${wideCounts.other.length}`,
      },
      {
        label: "Peak RSS ratio, wide open / default budget",
        value: `${(wide.peakBytes / bounded.peakBytes).toFixed(1)}x`,
      },
    );
  }
  return rows;
}
