/**
 * The in-process hashing figures, run as a child of the hashing bench with the allocator
 * settings `vigil hash` runs with (src/cli/tuned-allocator.ts): decoding is faster with them,
 * which makes PDQ's share of the time the larger, harder figure.
 *
 * Decoding and PDQ are timed per image in the same pass, on bytes already in memory, and each
 * image's best of three rounds is kept, so a noisy neighbour or drift weighs on neither side
 * alone. Prints one JSON object: seconds for decoding, PDQ, `hashFile` on one core and
 * `hashFilesInOrder` across the cores.
 */
import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import sharp from "sharp";
import { hashFilesInOrder } from "../src/hashing/bulk-hash.js";
import { DEFAULT_DECODE_OPTIONS, decodeImage } from "../src/hashing/decode-image.js";
import { DEFAULT_HASH_FILE_OPTIONS, hashFile } from "../src/hashing/hash-file.js";
import { pdqFromPixels } from "../src/hashing/pdq/pdq.js";
import { listFiles } from "./corpus.js";

export interface InProcessFigures {
  decodeSeconds: number;
  pdqSeconds: number;
  oneCoreSeconds: number;
  lanesSeconds: number;
  lanes: number;
}

const ROUNDS = 3;

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function measure(dir: string): Promise<InProcessFigures> {
  const files = listFiles(dir);
  sharp.concurrency(1);
  sharp.cache(false);
  const inMemory = await Promise.all(files.map((file) => readFile(file)));
  const decodeBest = inMemory.map(() => Number.POSITIVE_INFINITY);
  const pdqBest = inMemory.map(() => Number.POSITIVE_INFINITY);
  for (let round = 0; round < ROUNDS; round++) {
    for (let i = 0; i < inMemory.length; i++) {
      let started = process.hrtime.bigint();
      const image = await decodeImage(inMemory[i], DEFAULT_DECODE_OPTIONS);
      decodeBest[i] = Math.min(decodeBest[i], Number(process.hrtime.bigint() - started) / 1e9);
      started = process.hrtime.bigint();
      pdqFromPixels(image);
      pdqBest[i] = Math.min(pdqBest[i], Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const oneCoreSeconds = await seconds(async () => {
    for (const file of files) await hashFile(file, DEFAULT_HASH_FILE_OPTIONS);
  });
  const lanes = availableParallelism();
  const lanesSeconds = await seconds(async () => {
    for await (const outcome of hashFilesInOrder(files, {
      jobs: lanes,
      options: DEFAULT_HASH_FILE_OPTIONS,
    })) {
      if (outcome.error) throw new Error(`${outcome.path}: ${outcome.error.message}`);
    }
  });
  return { decodeSeconds: sum(decodeBest), pdqSeconds: sum(pdqBest), oneCoreSeconds, lanesSeconds, lanes };
}

const dir = process.argv[2];
if (!dir) {
  process.stderr.write("usage: node dist/bench/hashing-in-process.js <folder>\n");
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await measure(dir))}\n`);
