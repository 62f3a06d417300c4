/** Worker thread entry for bulk hashing: one file at a time, one libvips thread per worker. */
import { workerData } from "node:worker_threads";
import sharp from "sharp";
import { type HashFileOptions, hashFile, type MediaHashes } from "./hash-file.js";
import { disableWasmKernel } from "./pdq/wasm-kernel.js";
import { serveTasks } from "./workers/serve-tasks.js";

export interface HashTask {
  path: string;
  options: HashFileOptions;
}

// Parallelism comes from the pool (one worker per core); more libvips threads
// per worker would only compete for the same cores. No cache: files are seen once.
if ((workerData as { pdqWasmDisabled?: boolean } | null)?.pdqWasmDisabled) disableWasmKernel();
sharp.concurrency(1);
sharp.cache(false);

serveTasks<HashTask, MediaHashes>((task) => hashFile(task.path, task.options));
