/** `vigil hash <files or folders...>`: PDQ/vPDQ/MD5/SHA-256 of media files, in parallel. */
import { availableParallelism } from "node:os";
import { type Command, InvalidArgumentError, Option } from "commander";
import { hashFilesInOrder } from "../../hashing/bulk-hash.js";
import { DEFAULT_DECODE_OPTIONS } from "../../hashing/decode-image.js";
import type { HashFileOptions } from "../../hashing/hash-file.js";
import type { PdqMode } from "../../hashing/hash-image.js";
import { DEFAULT_VIDEO_OPTIONS } from "../../hashing/hash-video.js";
import { DEFAULT_MEDIA_LIMITS } from "../../hashing/read-media.js";
import { expandPaths } from "../../hashing/walk.js";
import { jsonLine, photoHasherLines } from "../hash-output.js";
import { type ProgressPreference, startProgress } from "../progress.js";
import { writeLine } from "../write-line.js";

interface HashCommandOptions {
  json: boolean;
  dihedral: boolean;
  videoRate: number | "every";
  mode: PdqMode;
  exact: boolean;
  autoOrient: boolean;
  jobs: number;
  progress: boolean | undefined;
  maxPixels: number;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of 1 or more");
  return n;
}

function videoRate(value: string): number | "every" {
  if (value === "every" || value === "0") return "every";
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError('expected frames per second (e.g. 1, 0.5) or "every"');
  return n;
}

export function registerHashCommand(program: Command): void {
  program
    .command("hash")
    .description("hash images (PDQ) and videos (vPDQ), with MD5 and SHA-256 of their bytes")
    .argument("<paths...>", "files or folders (folders are walked recursively for media files)")
    .option("--json", "print one JSON object per file with every hash", false)
    .option("--dihedral", "also print the 7 rotated/flipped PDQ variants", false)
    .option("--video-rate <fps>", 'frames per second to hash from videos, or "every"', videoRate, 1)
    .addOption(
      new Option(
        "--mode <mode>",
        "full: full-resolution PDQ; photo-hasher: 512x512 squash as pdq-photo-hasher",
      )
        .choices(["full", "photo-hasher"])
        .default("full"),
    )
    .option(
      "--exact",
      "the reference's bits at near-ties too (a float32 recomputation; several times slower)",
      false,
    )
    .option("--auto-orient", "apply EXIF orientation before hashing (the reference tools do not)", false)
    .option("-j, --jobs <n>", "worker threads", positiveInteger, availableParallelism())
    .option(
      "--max-pixels <n>",
      "refuse images with more pixels (decompression bombs)",
      positiveInteger,
      DEFAULT_DECODE_OPTIONS.maxPixels,
    )
    .option("--progress", "always show a progress bar on stderr")
    .option("--no-progress", "never show a progress bar")
    .action(async (paths: string[], options: HashCommandOptions) => {
      process.exitCode = await runHash(paths, options);
    });
}

async function runHash(paths: string[], options: HashCommandOptions): Promise<number> {
  const files: string[] = [];
  let failures = 0;
  for await (const entry of expandPaths(paths)) {
    if (entry.error) {
      failures++;
      process.stderr.write(`vigil hash: ${entry.path}: ${entry.error}\n`);
    } else files.push(entry.path);
  }
  const hashOptions: HashFileOptions = {
    mode: options.mode,
    dihedral: options.dihedral,
    exact: options.exact,
    decode: { ...DEFAULT_DECODE_OPTIONS, autoOrient: options.autoOrient, maxPixels: options.maxPixels },
    video: { ...DEFAULT_VIDEO_OPTIONS, rate: options.videoRate },
    limits: DEFAULT_MEDIA_LIMITS,
  };
  const preference: ProgressPreference =
    options.progress === true ? "always" : options.progress === false ? "never" : "auto";
  const progress = startProgress("hashing", files.length, preference);
  const jobs = Math.min(options.jobs, Math.max(1, files.length));
  try {
    for await (const outcome of hashFilesInOrder(files, { jobs, options: hashOptions })) {
      if (outcome.result) {
        const lines = options.json
          ? [jsonLine(outcome.path, outcome.result)]
          : photoHasherLines(outcome.path, outcome.result, options.dihedral);
        for (const line of lines) await writeLine(line);
        progress.increment();
      } else {
        failures++;
        progress.increment(true);
        process.stderr.write(
          `vigil hash: ${outcome.path}: ${outcome.error!.message} [${outcome.error!.code}]\n`,
        );
      }
    }
  } finally {
    progress.stop();
  }
  return failures > 0 ? 1 : 0;
}
