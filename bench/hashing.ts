/**
 * Hashing throughput: sharp's decode alone (the floor), PDQ over it, Vigil's hash on one core
 * and on all cores (hashing-in-process.ts), the `vigil hash` command end to end, and the PDQ core on
 * already-decoded pixels. When the paths of Meta's C++ tools are given
 * (built by you outside this repository), they run on the same inputs in the
 * same run, so the ratios compare like with like.
 */
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { HASHING_GLIBC_TUNABLES, wantsTunedAllocator } from "../src/cli/tuned-allocator.js";
import { renderPattern } from "../src/demo/patterns.js";
import { DEFAULT_DECODE_OPTIONS, decodeImage } from "../src/hashing/decode-image.js";
import { fastBuffer64, type PixelImage, pdqFromPixels, pdqPathCounts } from "../src/hashing/pdq/pdq.js";
import { imageCorpus, listFiles } from "./corpus.js";
import { measureExactPath } from "./hashing-exact-path.js";
import type { InProcessFigures } from "./hashing-in-process.js";

const run = promisify(execFile);

export interface HashingBenchOptions {
  images: number;
  log: (line: string) => void;
  /** A timing driver around Meta's C++ pdqHash256FromFloatLuma: `<driver> <rgb file> <width> <height> <iterations>` printing "ms_per_hash=<x>". */
  cppCoreDriver?: string;
  /** Meta's pdq-photo-hasher binary. */
  photoHasher?: string;
  /** A 1600x1004 (or other) image for the core timing; a generated pattern otherwise. */
  coreImage?: string;
}

export interface HashingBenchRow {
  label: string;
  value: string;
}

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function coreImage(path: string | undefined): Promise<PixelImage & { label: string }> {
  if (path) {
    const image = await decodeImage(await readFile(path), DEFAULT_DECODE_OPTIONS);
    return { ...image, label: `${path} (${image.width}x${image.height})` };
  }
  return { ...renderPattern("noise", 1600, 1004, 5), label: "generated 1600x1004 pattern" };
}

export async function runHashingBench(opts: HashingBenchOptions): Promise<HashingBenchRow[]> {
  const rows: HashingBenchRow[] = [];
  const row = (label: string, value: string) => {
    rows.push({ label, value });
    opts.log(`${label}: ${value}`);
  };
  const dir = await imageCorpus(opts.images, opts.log);
  const files = listFiles(dir);
  // Decoding, PDQ and the in-process lanes, in a child with the allocator settings of `vigil hash`.
  const child = fileURLToPath(new URL("./hashing-in-process.js", import.meta.url));
  const env = wantsTunedAllocator([dir])
    ? { ...process.env, GLIBC_TUNABLES: HASHING_GLIBC_TUNABLES }
    : process.env;
  const { stdout: figures } = await run(process.execPath, [child, dir], { env, maxBuffer: 1 << 20 });
  const { decodeSeconds, pdqSeconds, oneCoreSeconds, lanesSeconds, lanes } = JSON.parse(
    figures,
  ) as InProcessFigures;
  // The command as a user runs it (`npx vigil hash`, which executes bin/vigil.js), the median of
  // three runs: each takes two seconds or so, and one slow start on a shared machine would
  // otherwise decide the ratio.
  const cli = join(process.cwd(), "bin", "vigil.js");
  const cliRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    cliRuns.push(await seconds(() => run(cli, ["hash", "--no-progress", dir], { maxBuffer: 1 << 26 })));
  }
  const cliSeconds = cliRuns.sort((a, b) => a - b)[1];
  row("images", `${files.length} generated (JPEG and PNG, 256-4000 px a side)`);
  row("sharp decode only, 1 core", `${(files.length / decodeSeconds).toFixed(1)} images/s`);
  row("sharp decode + PDQ, 1 core", `${(files.length / (decodeSeconds + pdqSeconds)).toFixed(1)} images/s`);
  row(
    "vigil hash (file read, decode, PDQ, MD5, SHA-256), 1 core",
    `${(files.length / oneCoreSeconds).toFixed(1)} images/s`,
  );
  row(
    `vigil hash in one process, ${lanes} lanes (the main thread and ${lanes - 1} worker threads)`,
    `${(files.length / lanesSeconds).toFixed(1)} images/s`,
  );
  row(
    "`vigil hash <folder>` command end to end (median of 3 runs)",
    `${(files.length / cliSeconds).toFixed(1)} images/s`,
  );
  const over = (extra: number) => `+${((extra / decodeSeconds) * 100).toFixed(0)}%`;
  row("PDQ time over decoding alone (1 core; the issue's 50% limit)", over(pdqSeconds));
  row(
    "vigil hash (file read, PDQ, MD5, SHA-256) time over decoding alone (1 core)",
    over(oneCoreSeconds - decodeSeconds),
  );

  if (opts.photoHasher) {
    // The faster of two runs: the C++ tool starts ImageMagick once per file, and how long that
    // takes varies with the machine's load; its best run makes the ratio the harder one to reach.
    let cppSeconds = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 2; i++) {
      cppSeconds = Math.min(
        cppSeconds,
        await seconds(() => run(opts.photoHasher!, files, { maxBuffer: 1 << 26 })),
      );
    }
    row(
      "Meta pdq-photo-hasher on the same files (the faster of 2 runs)",
      `${(files.length / cppSeconds).toFixed(1)} images/s`,
    );
    row("`vigil hash` / pdq-photo-hasher", `${(cppSeconds / cliSeconds).toFixed(1)}x`);
  }

  const image = await coreImage(opts.coreImage);
  const iterations = 200;
  for (let i = 0; i < 20; i++) pdqFromPixels(image);
  const coreSeconds = await seconds(async () => {
    for (let i = 0; i < iterations; i++) pdqFromPixels(image);
  });
  const jsMs = (coreSeconds * 1000) / iterations;
  row(`PDQ core on decoded pixels, ${image.label} (default: fast path)`, `${jsMs.toFixed(2)} ms/hash`);
  const exactIterations = 10;
  const exactBefore = pdqPathCounts.exact;
  const exactSeconds = await seconds(async () => {
    for (let i = 0; i < exactIterations; i++) pdqFromPixels(image, true);
  });
  const path = pdqPathCounts.exact > exactBefore ? "exact path taken" : "fast path certain";
  row(
    `PDQ core with --exact, ${image.label} (${path})`,
    `${((exactSeconds * 1000) / exactIterations).toFixed(2)} ms/hash`,
  );
  const fastSeconds = await seconds(async () => {
    for (let i = 0; i < iterations; i++) fastBuffer64(image);
  });
  row(
    "  of which the fast path's down-sample alone (taken whenever the bound allows)",
    `${((fastSeconds * 1000) / iterations).toFixed(2)} ms`,
  );
  if (opts.cppCoreDriver) {
    const rgbPath = join(tmpdir(), `vigil-bench-core-${image.width}x${image.height}.rgb`);
    const rgb = new Uint8Array(image.width * image.height * 3);
    for (let p = 0, q = 0; q < rgb.length; p += image.channels, q += 3) {
      rgb[q] = image.pixels[p];
      rgb[q + 1] = image.pixels[p + (image.channels >= 3 ? 1 : 0)];
      rgb[q + 2] = image.pixels[p + (image.channels >= 3 ? 2 : 0)];
    }
    await writeFile(rgbPath, rgb);
    const { stdout } = await run(opts.cppCoreDriver, [
      rgbPath,
      String(image.width),
      String(image.height),
      String(iterations),
    ]);
    const cppMs = Number(/ms_per_hash=([0-9.]+)/.exec(stdout)?.[1]);
    if (Number.isFinite(cppMs)) {
      row("Meta C++ PDQ core on the same pixels", `${cppMs.toFixed(2)} ms/hash`);
      row("Vigil PDQ core / C++", `${(jsMs / cppMs).toFixed(2)}x`);
    } else row("Meta C++ PDQ core", `could not read its output: ${stdout.slice(0, 200)}`);
  }
  const exactPath = await measureExactPath();
  row(
    `PDQ exact path on ${exactPath.images} generated images (test/hashing/pdq-cpp-driver.test.ts's set)`,
    `${exactPath.exact} took it, ${(exactPath.exactMs / Math.max(1, exactPath.exact)).toFixed(2)} ms each on average` +
      ` (${(exactPath.exactMs / Math.max(1e-9, exactPath.megapixelsExact)).toFixed(1)} ms/megapixel);` +
      ` fast path ${exactPath.images - exactPath.exact}, ${(exactPath.fastMs / Math.max(1, exactPath.images - exactPath.exact)).toFixed(2)} ms each`,
  );
  return rows;
}
